/**
 * /{lang}/search?q=…: full-text search, in memory. A query to correct is a 400.
 *
 * A results page is the same for every reader of its URL (no session, no form token, nothing personal), so the
 * search route has a page cache of its own that keeps pages under path and query (http/page-cache.ts,
 * `withQuery`), emptied whenever the content — and with it the index — changes. Only a URL no longer than a
 * search box allows is kept, so a flood of different queries pushes out the oldest pages and no more. And the
 * questions that search the same words share one rendering of their page, with each question put in its place
 * (search-pages.ts).
 */
import type { Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../cache.ts';
import { presentSearch, type ShownQuery } from '../presenters/search.ts';
import { MAX_QUERY_LENGTH, searchQuery } from '../schemas.ts';
import { MAX_SHARED_URL, type SearchPages } from '../search-pages.ts';
import { search } from '../service.ts';

export function searchPage({ cache, shared }: { cache: ContentCache; shared: SearchPages }) {
  return async (req: Request, res: Response): Promise<void> => {
    const born = shared.generation();
    const index = await cache.searchIndex();
    const { lang, t } = res.locals;
    const { q } = searchQuery.parse(req.query);
    const outcome = search(index, lang, q, MAX_QUERY_LENGTH);
    const status = outcome.kind === 'results' || outcome.kind === 'empty' ? 200 : 400;
    const view = (shown?: ShownQuery) => presentSearch(q, outcome, MAX_QUERY_LENGTH, lang, t, shown);
    if (outcome.kind === 'results' && (await shared.answer(req, res, { index, lang, query: q, born, view }))) return;
    if (status === 200 && req.originalUrl.length <= MAX_SHARED_URL) keepRenderedPage(res);
    res.status(status).render('content/search', view());
  };
}
