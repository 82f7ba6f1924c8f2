/** The public register of personal-data holders: search, each entry, open data. Reading only: no session. */
import { Router } from 'express';
import type { Knex } from 'knex';
import { pathTo, routePath } from '../../http/paths.ts';
import { entryPage } from './pages/entry.ts';
import { openDataPage, registerCsv, registerJson } from './pages/open-data.ts';
import { registerSearchPage } from './pages/search.ts';

export function registerRoutes(deps: { knex: Knex; publicUrl: string }): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('register.index'), registerSearchPage(deps));
  // The application is the `register` intake journey; this is its address people are given.
  router.get(routePath('register.apply'), (_req, res) => {
    res.redirect(303, pathTo('intake.start', { lang: res.locals.lang, journey: 'register' }));
  });
  router.get(routePath('register.openData'), openDataPage());
  router.get(routePath('register.csv'), registerCsv(deps));
  router.get(routePath('register.json'), registerJson(deps));
  router.get(routePath('register.entry'), entryPage(deps));
  return router;
}
