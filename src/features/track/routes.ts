/**
 * /{lang}/track: a citizen's case space. Signing in takes the reference and access code by POST (never in a
 * URL), is rate-limited per address and per reference, and answers every failure the same way. Success opens
 * a new session bound to that one case, which ends after 15 minutes without activity.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { normaliseReference } from '../cases/reference.ts';
import { requestId } from '../../http/logging.ts';
import { destroySession, regenerateSession } from '../../http/session.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { filesFrom } from '../../http/uploads.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { caseAttachment } from '../attachments/repository.ts';
import { record } from '../audit/service.ts';
import { caseSpace, requestAccessCodeReset, resetAccessCode, sendCitizenMessage, signIn, withdrawCase, type CitizenDeps } from '../cases/citizen.ts';
import { answersText } from '../intake/answers.ts';
import { loadCaseAnswers } from '../intake/case-answers.ts';
import { writeCaseArchive } from './archive.ts';
import { fileParams, lostCodeForm, messageForm, resetParams, signInForm } from './schemas.ts';

export const CASE_SESSION_IDLE_MS = 15 * 60 * 1000;

const regenerate = regenerateSession;
const destroy = destroySession;

export function trackRoutes(deps: CitizenDeps & { limiter: RateLimiter }): Router {
  const router = Router({ mergeParams: true });
  const knex: Knex = deps.knex;
  const perAddress = deps.limiter.limit({ name: 'track-sign-in-ip', windowMs: 15 * 60 * 1000, limit: 20 });
  const perReference = deps.limiter.limit({
    name: 'track-sign-in-reference',
    windowMs: 15 * 60 * 1000,
    limit: 10,
    key: (req) => {
      const reference: unknown = (req.body as Record<string, unknown> | undefined)?.reference;
      return (typeof reference === 'string' && normaliseReference(reference)) || 'unknown';
    },
  });
  const lostCodeLimit = deps.limiter.limit({ name: 'track-lost-code', windowMs: 60 * 60 * 1000, limit: 10 });

  const noStore = (_req: Request, res: Response, next: NextFunction): void => {
    res.set('Cache-Control', 'no-store');
    next();
  };

  function signInPage(res: Response, values: Record<string, unknown> = {}, errors?: FormErrors, status = 200, notice?: string): void {
    const { lang, t } = res.locals;
    res.status(status).render('track/sign-in', {
      title: t('track.title'),
      values,
      errors,
      notice,
      breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('track.title') }],
    });
  }

  /** The signed-in case, or back to the sign-in page (also after 15 minutes without activity). */
  async function requireCase(req: Request, res: Response, next: NextFunction): Promise<void> {
    const access = req.session.caseAccess;
    if (!access || Date.now() - access.lastSeen > CASE_SESSION_IDLE_MS) {
      if (access) await destroy(req);
      res.redirect(303, `/${res.locals.lang}/track${access ? '?expired=1' : ''}`);
      return;
    }
    // Written at most once a minute (each write is a session save).
    if (Date.now() - access.lastSeen >= 60_000) access.lastSeen = Date.now();
    res.set('Cache-Control', 'no-store');
    next();
  }

  function caseId(req: Request): number {
    const access = req.session.caseAccess;
    if (!access) throw new Error('requireCase must run first');
    return access.caseId;
  }

  async function showCase(req: Request, res: Response, errors?: FormErrors, values: Record<string, unknown> = {}, status = 200): Promise<void> {
    const { lang, t } = res.locals;
    const space = await caseSpace(knex, caseId(req));
    if (!space) {
      await destroy(req);
      res.redirect(303, `/${lang}/track`);
      return;
    }
    res.status(status).render('track/case', {
      title: t('track.caseTitle', { reference: space.case.reference }),
      space,
      answers: await loadCaseAnswers(knex, space.case, { t, lang }),
      errors,
      values,
      maxFiles: deps.config.uploads.maxFiles,
      maxMegabytes: Math.round(deps.config.uploads.maxFileBytes / (1024 * 1024)),
      answerDays: deps.config.deadlines.answerWorkingDays,
    });
  }

  router.get('/track', noStore, (req: Request, res: Response) => {
    signInPage(res, {}, undefined, 200, req.query.expired === '1' ? res.locals.t('track.expired') : req.query.signedOut === '1' ? res.locals.t('track.signedOut') : undefined);
  });

  router.post('/track', perAddress, perReference, async (req: Request, res: Response) => {
    const result = validate(signInForm, req.body);
    const body = req.body as Record<string, unknown>;
    const values = { reference: typeof body.reference === 'string' ? body.reference.slice(0, 40) : '' };
    if (!result.ok) {
      signInPage(res, values, result.errors, 400);
      return;
    }
    const found = await signIn(deps, result.data.reference, result.data.accessCode, requestId(req));
    if (!found) {
      const error = { field: 'reference', key: 'track.errors.noMatch', values: {} };
      signInPage(res, values, { list: [error], byField: { reference: error, accessCode: { ...error, field: 'accessCode' } } }, 400);
      return;
    }
    // A new session id: whatever session existed before signing in is not the one that sees the case.
    await regenerate(req);
    req.session.caseAccess = { caseId: found.id, reference: found.reference, lastSeen: Date.now() };
    res.redirect(303, `/${res.locals.lang}/track/case`);
  });

  router.get('/track/case', requireCase, async (req: Request, res: Response) => {
    await showCase(req, res);
  });

  router.post('/track/case/messages', requireCase, async (req: Request, res: Response) => {
    const { lang } = res.locals;
    const parsed = validate(messageForm, req.body);
    const uploads = filesFrom(req, 'files');
    const fail = (key: string, field: string, values: Record<string, string | number> = {}) => {
      const error = { field, key, values };
      return showCase(req, res, { list: [error], byField: { [field]: error } }, req.body as Record<string, unknown>, 400);
    };
    if (req.uploadProblem) {
      await fail(`validation.file.${req.uploadProblem}`, 'files', { max: req.uploadProblem === 'tooLarge' ? Math.round(deps.config.uploads.maxFileBytes / (1024 * 1024)) : deps.config.uploads.maxFiles });
      return;
    }
    if (!parsed.ok) {
      await showCase(req, res, parsed.errors, req.body as Record<string, unknown>, 400);
      return;
    }
    if (!parsed.data.body && uploads.length === 0) {
      await fail('track.errors.emptyMessage', 'body');
      return;
    }
    const result = await sendCitizenMessage(deps, caseId(req), parsed.data.body, uploads, requestId(req));
    if (!result.ok) {
      const [problem] = result.problems;
      await fail(problem ? `validation.file.${problem.problem}` : 'track.errors.closed', problem ? 'files' : 'body', { name: problem?.fileName ?? '', max: deps.config.uploads.maxFiles });
      return;
    }
    res.redirect(303, `/${lang}/track/case#messages`);
  });

  router.get('/track/case/files/:id', requireCase, async (req: Request, res: Response, next: NextFunction) => {
    const params = fileParams.safeParse(req.params);
    const file = params.success ? await caseAttachment(knex, caseId(req), params.data.id) : undefined;
    if (!file) {
      next();
      return;
    }
    const bytes = await deps.attachments.storage.get(knex, file.storage_key, file.id);
    await knex.transaction((trx) =>
      record(trx, { actorType: 'citizen', actorId: caseId(req), action: 'attachment.downloaded', entityType: 'attachment', entityId: file.id, requestId: requestId(req) }),
    );
    res.attachment(file.file_name).type(file.content_type).set('X-Content-Type-Options', 'nosniff').send(bytes);
  });

  router.get('/track/case/download', requireCase, async (req: Request, res: Response) => {
    const space = await caseSpace(knex, caseId(req));
    if (!space) throw new Error('case vanished');
    await knex.transaction((trx) => record(trx, { actorType: 'citizen', actorId: space.case.id, action: 'case.exported', entityType: 'case', entityId: space.case.reference, requestId: requestId(req) }));
    const { t, lang } = res.locals;
    const answers = await loadCaseAnswers(knex, space.case, { t, lang });
    const summary = `${t(`track.types.${space.case.type}`)} ${space.case.reference}\n${t('track.archive.answersTitle')}\n\n${answersText(answers)}\n`;
    res.attachment(`${space.case.reference}.zip`).type('application/zip');
    await writeCaseArchive(knex, deps.attachments.storage, space, res, summary);
  });

  router.get('/track/case/withdraw', requireCase, (req: Request, res: Response) => {
    const { t } = res.locals;
    res.render('track/withdraw', { title: t('track.withdraw.title'), reference: req.session.caseAccess?.reference });
  });

  router.post('/track/case/withdraw', requireCase, async (req: Request, res: Response) => {
    await withdrawCase(deps, caseId(req), requestId(req));
    res.redirect(303, `/${res.locals.lang}/track/case`);
  });

  router.post('/track/sign-out', async (req: Request, res: Response) => {
    await destroy(req);
    res.redirect(303, `/${res.locals.lang}/track?signedOut=1`);
  });

  router.get('/track/lost', noStore, (_req: Request, res: Response) => {
    const { lang, t } = res.locals;
    res.render('track/lost', { title: t('track.lost.title'), values: {}, breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('track.title'), href: `/${lang}/track` }, { text: t('track.lost.title') }] });
  });

  router.post('/track/lost', lostCodeLimit, async (req: Request, res: Response) => {
    const { lang, t } = res.locals;
    const result = validate(lostCodeForm, req.body);
    if (!result.ok) {
      res.status(400).render('track/lost', { title: t('track.lost.title'), values: req.body as Record<string, unknown>, errors: result.errors });
      return;
    }
    await requestAccessCodeReset(deps, result.data.reference, result.data.email, lang, requestId(req));
    res.render('track/lost-sent', { title: t('track.lost.sentTitle') });
  });

  router.get('/track/reset/:token', noStore, (req: Request, res: Response, next: NextFunction) => {
    if (!resetParams.safeParse(req.params).success) {
      next();
      return;
    }
    res.render('track/reset', { title: t(res, 'track.reset.title'), action: req.originalUrl.split('?')[0] });
  });

  router.post('/track/reset/:token', perAddress, async (req: Request, res: Response, next: NextFunction) => {
    const params = resetParams.safeParse(req.params);
    if (!params.success) {
      next();
      return;
    }
    const result = await resetAccessCode(deps, params.data.token, requestId(req));
    res.set('Cache-Control', 'no-store');
    if (!result) {
      res.status(410).render('track/reset-expired', { title: t(res, 'track.reset.expiredTitle') });
      return;
    }
    res.render('track/new-code', { title: t(res, 'track.reset.doneTitle'), reference: result.reference, code: result.code });
  });

  return router;
}

function t(res: Response, key: string): string {
  return res.locals.t(key);
}
