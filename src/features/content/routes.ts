import { Router } from 'express';
import type { Knex } from 'knex';
import type { ContentCache } from './cache.ts';
import { contentHandlers } from './handlers.ts';

export function contentRoutes(deps: { cache: ContentCache; knex: Knex }): Router {
  const handlers = contentHandlers(deps);
  const router = Router({ mergeParams: true });
  router.get('/rights', handlers.index);
  router.get('/rights/:slug', handlers.article('rights'));
  router.get('/guides', (req, res) => res.redirect(301, `/${res.locals.lang}/rights#guides`));
  router.get('/guides/:slug', handlers.article('guides'));
  router.get('/faq', handlers.faq);
  router.get('/search', handlers.search);
  return router;
}
