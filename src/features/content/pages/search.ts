/**
 * /{lang}/search?q=…: full-text search, in memory. A query to correct is a 400.
 *
 * The page is the same for every reader of a URL (no session, no form token, nothing personal), so the last
 * pages rendered are kept for each search index — a new index, built after any content change, starts with
 * none. At most `KEPT_PAGES` are kept and a URL longer than a search box allows is never kept, so any number
 * of different queries only pushes out the oldest page. The page cache (http/page-cache.ts) does not keep it:
 * it keys pages by path only.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ContentCache } from '../cache.ts';
import { presentSearch } from '../presenters/search.ts';
import type { SearchIndex } from '../search-index.ts';
import { MAX_QUERY_LENGTH, searchQuery } from '../schemas.ts';
import { search } from '../service.ts';

const KEPT_PAGES = 256;
/** Beyond this a URL holds more than one search box's worth of query: rendered, never kept. */
const MAX_KEPT_URL = MAX_QUERY_LENGTH * 9 + 40;

interface KeptPage {
  status: number;
  html: string;
}

export function searchPage({ cache }: { cache: ContentCache }) {
  const kept = new WeakMap<SearchIndex, Map<string, KeptPage>>();
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const index = await cache.searchIndex();
    let pages = kept.get(index);
    if (!pages) {
      pages = new Map<string, KeptPage>();
      kept.set(index, pages);
    }
    const hit = pages.get(req.originalUrl);
    if (hit) {
      res.status(hit.status).send(hit.html);
      return;
    }
    const { lang, t } = res.locals;
    const { q } = searchQuery.parse(req.query);
    const outcome = search(index, lang, q, MAX_QUERY_LENGTH);
    const status = outcome.kind === 'results' || outcome.kind === 'empty' ? 200 : 400;
    res.status(status).render('content/search', presentSearch(q, outcome, MAX_QUERY_LENGTH, lang, t), (error: Error | null, html: string) => {
      if (error) {
        next(error);
        return;
      }
      if (req.originalUrl.length <= MAX_KEPT_URL) {
        if (pages.size >= KEPT_PAGES) pages.delete(pages.keys().next().value ?? '');
        pages.set(req.originalUrl, { status, html });
      }
      res.send(html);
    });
  };
}
