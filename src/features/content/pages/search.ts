/** /{lang}/search?q=…: full-text search in memory. Per query, so never kept rendered; a query to correct is a 400. */
import type { Request, Response } from 'express';
import type { ContentCache } from '../cache.ts';
import { presentSearch } from '../presenters/search.ts';
import { MAX_QUERY_LENGTH, searchQuery } from '../schemas.ts';
import { search } from '../service.ts';

export function searchPage({ cache }: { cache: ContentCache }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const { q } = searchQuery.parse(req.query);
    const outcome = await search(cache, lang, q, MAX_QUERY_LENGTH);
    const status = outcome.kind === 'results' || outcome.kind === 'empty' ? 200 : 400;
    res.status(status).render('content/search', presentSearch(q, outcome, MAX_QUERY_LENGTH, lang, t));
  };
}
