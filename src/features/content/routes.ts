/** Guidance pages: index, articles, FAQ and search. Reading only: no session, cached content (search included). */
import { Router } from 'express';
import type { PageCache } from '../../http/page-cache.ts';
import { routePath } from '../../http/paths.ts';
import type { ContentCache } from './cache.ts';
import { articlePage } from './pages/article.ts';
import { faqPage } from './pages/faq.ts';
import { guidesRedirect } from './pages/guides.ts';
import { rightsIndexPage } from './pages/rights-index.ts';
import { searchPage } from './pages/search.ts';

/** `searchPages`: the page cache of search results (kept under path and query), in front of the search route only. */
export function contentRoutes(deps: { cache: ContentCache; searchPages: PageCache }): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('content.rights'), rightsIndexPage(deps));
  router.get(routePath('content.right'), articlePage(deps, 'rights'));
  router.get(routePath('content.guides'), guidesRedirect);
  router.get(routePath('content.guide'), articlePage(deps, 'guides'));
  router.get(routePath('content.faq'), faqPage(deps));
  router.get(routePath('content.search'), deps.searchPages.middleware, searchPage(deps));
  return router;
}
