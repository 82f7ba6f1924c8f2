/**
 * /{lang}/letters/new: the request-letter generator (no session: a stateless form token), and its hand-over to
 * a complaint (which opens a session). Wiring only: the pages are in pages/.
 */
import { Router, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { FormTokens } from '../../http/form-token.ts';
import { routePath } from '../../http/paths.ts';
import type { ContentCache } from '../content/cache.ts';
import { letterFormPage, writeLetter } from './pages/form.ts';
import { letterToComplaint } from './pages/to-complaint.ts';

interface LetterRouteDeps {
  knex: Knex;
  /** Published content: the letter's paragraphs are the authority's to edit. */
  content: ContentCache;
  formTokens: FormTokens;
  session: RequestHandler;
  /** The rate limit on showing form pages (app.ts). */
  pageViews: RequestHandler;
}

export function letterRoutes({ knex, content, formTokens, session, pageViews }: LetterRouteDeps): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('letters.form'), pageViews, formTokens.issue('letter'), letterFormPage({ knex }));
  router.post(routePath('letters.form'), formTokens.verifyOrShowAgain('letter'), formTokens.issue('letter'), writeLetter({ content, knex }));
  router.post(routePath('letters.toComplaint'), formTokens.verify('letter'), session, letterToComplaint());
  return router;
}
