/**
 * /{lang}/letters/new: the request-letter generator (no session: a stateless form token), its calendar reminder
 * and "follow this request" (a code, reminders), the "my request" page, and the hand-overs to a complaint (which
 * open a session). Wiring only: the pages are in pages/.
 */
import { Router, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import type { FormTokens } from '../../http/form-token.ts';
import { routePath } from '../../http/paths.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { CaseKeys } from '../cases/keys.ts';
import type { ContentCache } from '../content/cache.ts';
import type { DraftFileDeps } from '../intake/draft-files.ts';
import { downloadCalendar, followRequest } from './pages/follow.ts';
import { letterFormPage, writeLetter } from './pages/form.ts';
import { complaintFromRequest } from './pages/from-request.ts';
import { myRequestByCode, myRequestByLink, myRequestSignIn } from './pages/my-request.ts';
import { letterToComplaint } from './pages/to-complaint.ts';

interface LetterRouteDeps {
  knex: Knex;
  /** Published content: the letter's paragraphs are the authority's to edit. */
  content: ContentCache;
  formTokens: FormTokens;
  session: RequestHandler;
  /** The rate limit on showing form pages (app.ts). */
  pageViews: RequestHandler;
  limiter: RateLimiter;
  jobs: JobQueue;
  keys: CaseKeys;
  translator: Translator;
  config: Pick<Config, 'publicUrl' | 'letterReplyDays' | 'uploads'>;
  attachments: DraftFileDeps['attachments'];
}

export function letterRoutes(deps: LetterRouteDeps): Router {
  const { knex, content, formTokens, session, pageViews, limiter, config } = deps;
  const replyDays = config.letterReplyDays;
  const tracking = { knex, jobs: deps.jobs, keys: deps.keys, replyDays, content };
  // Wrong codes (answered 4xx) from one address; keeping letters and asking for reminders, per address.
  const wrongCodes = limiter.limit({ name: 'my-request', windowMs: 15 * 60 * 1000, limit: 20, skipSuccessful: true });
  const follows = limiter.limit({ name: 'letters-follow', windowMs: 60 * 60 * 1000, limit: 20 });
  const router = Router({ mergeParams: true });
  router.get(routePath('letters.form'), pageViews, formTokens.issue('letter'), letterFormPage({ knex }));
  router.post(routePath('letters.form'), formTokens.verifyOrShowAgain('letter'), formTokens.issue('letter'), writeLetter({ content, knex, replyDays }));
  router.post(routePath('letters.toComplaint'), formTokens.verify('letter'), session, letterToComplaint());
  router.post(routePath('letters.calendar'), formTokens.verify('letter'), downloadCalendar({ ...tracking, translator: deps.translator, config }));
  router.post(
    routePath('letters.follow'),
    follows,
    formTokens.verify('letter'),
    formTokens.issue('letter'),
    followRequest({ ...tracking, translator: deps.translator, config }),
  );
  router.get(routePath('letters.myRequest'), pageViews, formTokens.issue('letter'), myRequestSignIn());
  router.post(routePath('letters.myRequest'), wrongCodes, formTokens.verify('letter'), formTokens.issue('letter'), myRequestByCode(tracking));
  router.get(routePath('letters.myRequestCode'), wrongCodes, formTokens.issue('letter'), myRequestByLink(tracking));
  router.post(
    routePath('letters.fromRequest'),
    wrongCodes,
    formTokens.verify('letter'),
    session,
    complaintFromRequest({ ...tracking, attachments: deps.attachments, uploads: config.uploads }),
  );
  return router;
}
