/**
 * The register of personal-data holders: the public pages (search, each entry, open data; reading only, no
 * session) and the back office's (search, an entry with its history, editing it, marking it ceased).
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import type { createStaffGate } from '../staff/auth.ts';
import { pathTo, routePath } from '../../http/paths.ts';
import { entryPage } from './pages/entry.ts';
import { openDataPage, registerCsv, registerJson } from './pages/open-data.ts';
import { registerSearchPage } from './pages/search.ts';
import { suggestPage } from './pages/suggest.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { RegisterCaches } from './caches.ts';
import { staffCeasePost, staffEditPage, staffEditPost, staffEntryPage, staffMergePost, staffRegisterPage } from './pages/staff.ts';

export function registerRoutes(deps: { knex: Knex; publicUrl: string; limiter: RateLimiter; caches: RegisterCaches }): Router {
  const router = Router({ mergeParams: true });
  // The picker asks once per keystroke (after a pause): generous, counted in memory (a GET writes nothing).
  const suggestions = deps.limiter.limit({ name: 'register-suggest', windowMs: 60 * 1000, limit: 120, local: true });
  const { pages, suggestPages } = deps.caches;
  router.get(routePath('register.index'), pages.middleware, registerSearchPage(deps), pages.release);
  // The application is the `register` intake journey; this is its address people are given.
  router.get(routePath('register.apply'), (_req, res) => {
    res.redirect(303, pathTo('intake.start', { lang: res.locals.lang, journey: 'register' }));
  });
  router.get(routePath('register.openData'), openDataPage());
  router.get(routePath('register.csv'), registerCsv(deps));
  router.get(routePath('register.json'), registerJson(deps));
  // A prefix answered before is answered from the page cache (before the limit: it costs nothing to ask again).
  const suggest = suggestPage({ knex: deps.knex, cache: deps.caches.suggestions });
  router.get(routePath('register.suggest'), suggestPages.middleware, suggestions, suggest, suggestPages.release);
  // An entry has no query: the reading pages' own cache keeps it, dropped as well when the register changes (app.ts).
  router.get(routePath('register.entry'), entryPage(deps));
  return router;
}

export function staffRegisterRoutes(deps: { knex: Knex; gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const { gate } = deps;
  router.get(routePath('staff.register.index'), ...gate.requireStaff('register.view'), staffRegisterPage(deps));
  router.get(routePath('staff.register.show'), ...gate.requireStaff('register.view'), staffEntryPage(deps));
  router.get(routePath('staff.register.edit'), ...gate.requireStaff('register.edit'), staffEditPage(deps));
  router.post(routePath('staff.register.edit'), ...gate.requireStaff('register.edit'), staffEditPost(deps));
  router.post(routePath('staff.register.cease'), ...gate.requireStaff('register.edit'), staffCeasePost(deps));
  router.post(routePath('staff.register.merge'), ...gate.requireStaff('register.edit'), staffMergePost(deps));
  return router;
}
