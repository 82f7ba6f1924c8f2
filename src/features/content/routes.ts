/** Guidance pages: index, articles, FAQ and search. Reading only: no session, cached content (search included). And the back office's editing. */
import { Router } from 'express';
import type { Knex } from 'knex';
import { routePath } from '../../http/paths.ts';
import type { ContentCache } from './cache.ts';
import { articlePage } from './pages/article.ts';
import { faqPage } from './pages/faq.ts';
import { guidesRedirect } from './pages/guides.ts';
import { rightsIndexPage } from './pages/rights-index.ts';
import { searchPage } from './pages/search.ts';
import { staffEditPage, staffEditPost } from './pages/staff-edit.ts';
import { staffHistoryPage } from './pages/staff-history.ts';
import { staffListPage } from './pages/staff-list.ts';
import { staffNewPage, staffNewPost } from './pages/staff-new.ts';
import { staffRestorePost, staffTransitionPost } from './pages/staff-review.ts';
import type { createStaffGate } from '../staff/auth.ts';
import type { SearchCaches } from './search-pages.ts';

/** `search`: the search route's page cache (kept under path and query) and the pages shared by questions (search-pages.ts). */
export function contentRoutes(deps: { cache: ContentCache; search: SearchCaches }): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('content.rights'), rightsIndexPage(deps));
  router.get(routePath('content.right'), articlePage(deps, 'rights'));
  router.get(routePath('content.guides'), guidesRedirect);
  router.get(routePath('content.guide'), articlePage(deps, 'guides'));
  router.get(routePath('content.faq'), faqPage(deps));
  router.get(routePath('content.search'), deps.search.pages.middleware, searchPage({ cache: deps.cache, shared: deps.search.shared }));
  return router;
}

/** The back office's content pages: editors edit and review, supervisors review too (src/features/staff/permissions.ts). */
export function contentStaffRoutes(deps: { knex: Knex; gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const { gate } = deps;
  router.get(routePath('staff.content.index'), ...gate.requireStaff('content.view'), staffListPage(deps));
  router.get(routePath('staff.content.new'), ...gate.requireStaff('content.edit'), staffNewPage());
  router.post(routePath('staff.content.new'), ...gate.requireStaff('content.edit'), staffNewPost(deps));
  router.get(routePath('staff.content.edit'), ...gate.requireStaff('content.view'), staffEditPage(deps));
  router.post(routePath('staff.content.edit'), ...gate.requireStaff('content.edit'), staffEditPost(deps));
  router.get(routePath('staff.content.history'), ...gate.requireStaff('content.view'), staffHistoryPage(deps));
  // Restore before the workflow steps: ".../restore" would otherwise read as a step named "restore".
  router.post(routePath('staff.content.restore'), ...gate.requireStaff('content.edit'), staffRestorePost(deps));
  router.post(routePath('staff.content.transition'), ...gate.requireStaff('content.view'), staffTransitionPost(deps));
  return router;
}
