/**
 * /{lang}/track: a citizen's case space. Signing in takes the reference and access code by POST (never in a
 * URL) and answers every failure the same way. Wrong codes are throttled per address, per reference and
 * address — so nobody can lock a citizen out of their case from their own address — and, more slowly, per
 * reference from all addresses together (then sign-in to that case pauses and supervisors are alerted).
 * Success opens a new session bound to that one case and to its current access code: it ends after 15
 * minutes without activity, after 2 hours in all, and as soon as the code is replaced.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { normaliseReference } from '../cases/reference.ts';
import { requestId } from '../../http/logging.ts';
import { destroySession, regenerateSession } from '../../http/session.ts';
import { clientKey, limitInfo, type RateLimiter } from '../../http/rate-limit.ts';
import { filesFrom, uploadClientKey, type UploadParser } from '../../http/uploads.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { ACCEPT_ATTRIBUTE } from '../attachments/file-check.ts';
import { fileProblemErrors, presentFile } from '../attachments/present.ts';
import { readAttachment } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { caseSessionCurrent, caseSpace, sendCitizenMessage, signIn, withdrawCase, type CitizenDeps } from '../cases/citizen.ts';
import { requestAccessCodeReset, resetAccessCode } from '../cases/lost-code.ts';
import { alertSignInPaused } from '../cases/sign-in-alert.ts';
import { CHALLENGE_CONTENT, citizenDecision, citizenFiles } from '../casework/service.ts';
import { quoteContent } from '../content/service.ts';
import { answersText } from '../intake/answers.ts';
import { loadCaseAnswers } from '../intake/case-answers.ts';
import { writeCaseArchive } from './archive.ts';
import { fileParams, lostCodeForm, messageForm, resetParams, signInForm } from './schemas.ts';

export const CASE_SESSION_IDLE_MS = 15 * 60 * 1000;
export const CASE_SESSION_ABSOLUTE_MS = 2 * 60 * 60 * 1000;
const REFERENCE_WINDOW_MS = 60 * 60 * 1000;

const regenerate = regenerateSession;
const destroy = destroySession;

/** The typed reference in normal form, or undefined when it cannot be one. */
function typedReference(req: Request): string | undefined {
  const reference: unknown = (req.body as Record<string, unknown> | undefined)?.reference;
  return typeof reference === 'string' ? normaliseReference(reference) : undefined;
}

export function trackRoutes(deps: CitizenDeps & { limiter: RateLimiter; signInCap: number; uploadParser: UploadParser }): Router {
  const router = Router({ mergeParams: true });
  const knex: Knex = deps.knex;
  const perAddress = deps.limiter.limit({ name: 'track-sign-in-ip', windowMs: 15 * 60 * 1000, limit: 20 });
  // Wrong codes for one reference from one address. A malformed reference counts only against its sender,
  // never in a counter shared with real references or with other addresses.
  const perReferenceAndAddress = deps.limiter.limit({
    name: 'track-sign-in-reference',
    windowMs: 15 * 60 * 1000,
    limit: 10,
    skipSuccessful: true,
    key: (req) => `${typedReference(req) ?? 'malformed'}|${clientKey(req)}`,
  });
  // Wrong codes for one real reference from every address together: far above what a citizen types, far
  // below what guessing 83 bits would need. Reaching it pauses that case's sign-in for the rest of the hour.
  // A paused case tells the supervisors (once per case and window, whichever instance refuses first).
  const perReference = deps.limiter.limit({
    name: 'track-sign-in-case',
    windowMs: REFERENCE_WINDOW_MS,
    limit: deps.signInCap,
    skipSuccessful: true,
    when: (req) => typedReference(req) !== undefined,
    key: (req) => typedReference(req) ?? 'malformed',
    property: 'caseSignIns',
    onRefused: async (req) => {
      const info = limitInfo(req, 'caseSignIns');
      const reference = typedReference(req);
      if (!info?.resetTime || !reference) return;
      const windowEnd = info.resetTime;
      await alertSignInPaused(deps, { reference, failures: info.limit, windowStart: new Date(windowEnd.getTime() - REFERENCE_WINDOW_MS), windowEnd, requestId: requestId(req) });
    },
  });
  const lostCodeLimit = deps.limiter.limit({ name: 'track-lost-code', windowMs: 60 * 60 * 1000, limit: 10 });

  const noStore = (_req: Request, res: Response, next: NextFunction): void => {
    res.set('Cache-Control', 'no-store');
    next();
  };

  /** The sign-in page; `?code=letters` asks for a letter keyboard (codes issued before the digits-only format). */
  function signInPage(req: Request, res: Response, values: Record<string, unknown> = {}, errors?: FormErrors, status = 200, notice?: string): void {
    const { lang, t } = res.locals;
    res.status(status).render('track/sign-in', {
      title: t('track.title'),
      values,
      errors,
      notice,
      letters: req.query.code === 'letters',
      breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('track.title') }],
    });
  }

  /**
   * The signed-in case, or back to the sign-in page: also after 15 minutes without activity, after 2 hours in
   * all, and once the access code the session was opened with has been replaced.
   */
  async function requireCase(req: Request, res: Response, next: NextFunction): Promise<void> {
    const access = req.session.caseAccess;
    const now = Date.now();
    const ended =
      !access ||
      now - access.lastSeen > CASE_SESSION_IDLE_MS ||
      access.signedInAt === undefined ||
      now - access.signedInAt > CASE_SESSION_ABSOLUTE_MS ||
      !(await caseSessionCurrent(knex, access.caseId, access.version));
    if (ended) {
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
      files: space.files.map(presentFile),
      upload: {
        accept: ACCEPT_ATTRIBUTE,
        stripMetadata: req.method === 'GET' || (req.body as Record<string, unknown> | undefined)?.stripMetadata === 'yes',
        stripChoice: !space.case.anonymous,
        maxBytes: deps.config.uploads.maxFileBytes,
        maxMegabytes: Math.round(deps.config.uploads.maxFileBytes / (1024 * 1024)),
      },
      answers: await loadCaseAnswers(knex, space.case, { t, lang }),
      errors,
      values,
      maxFiles: deps.config.uploads.maxFiles,
      maxMegabytes: Math.round(deps.config.uploads.maxFileBytes / (1024 * 1024)),
      answerDays: deps.config.deadlines.answerWorkingDays,
      challenge: space.decision ? await quoteContent(knex, CHALLENGE_CONTENT.kind, CHALLENGE_CONTENT.slug, lang) : undefined,
    });
  }

  router.get('/track', noStore, (req: Request, res: Response) => {
    signInPage(req, res, {}, undefined, 200, req.query.expired === '1' ? res.locals.t('track.expired') : req.query.signedOut === '1' ? res.locals.t('track.signedOut') : undefined);
  });

  router.post('/track', perAddress, perReferenceAndAddress, perReference, async (req: Request, res: Response) => {
    const result = validate(signInForm, req.body);
    const body = req.body as Record<string, unknown>;
    const values = { reference: typeof body.reference === 'string' ? body.reference.slice(0, 40) : '' };
    if (!result.ok) {
      signInPage(req, res, values, result.errors, 400);
      return;
    }
    const found = await signIn(deps, result.data.reference, result.data.accessCode, requestId(req));
    if (!found) {
      const error = { field: 'reference', key: 'track.errors.noMatch', values: {} };
      signInPage(req, res, values, { list: [error], byField: { reference: error, accessCode: { ...error, field: 'accessCode' } } }, 400);
      return;
    }
    // A new session id: whatever session existed before signing in is not the one that sees the case.
    await regenerate(req);
    const now = Date.now();
    req.session.caseAccess = { caseId: found.id, reference: found.reference, lastSeen: now, signedInAt: now, version: found.access_code_version };
    res.redirect(303, `/${res.locals.lang}/track/case`);
  });

  router.get('/track/case', requireCase, async (req: Request, res: Response) => {
    await showCase(req, res);
  });

  router.post('/track/case/messages', requireCase, deps.uploadParser.accept({ fields: ['files'] }), async (req: Request, res: Response) => {
    const { lang } = res.locals;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = validate(messageForm, body);
    const uploads = filesFrom(req, 'files');
    const fail = (errors: FormErrors) => showCase(req, res, errors, body, 400);
    if (!parsed.ok) {
      await fail(parsed.errors);
      return;
    }
    if (!parsed.data.body && uploads.length === 0) {
      const error = { field: 'body', key: 'track.errors.emptyMessage', values: {} };
      await fail({ list: [error], byField: { body: error } });
      return;
    }
    const result = await sendCitizenMessage(deps, caseId(req), parsed.data.body, uploads, requestId(req), { stripMetadata: body.stripMetadata === 'yes', clientKey: uploadClientKey(req) });
    if (!result.ok) {
      if (result.problems.length > 0) {
        await fail(fileProblemErrors('files', result.problems, deps.config.uploads));
      } else {
        const error = { field: 'body', key: 'track.errors.closed', values: {} };
        await fail({ list: [error], byField: { body: error } });
      }
      return;
    }
    res.redirect(303, `/${lang}/track/case#messages`);
  });

  /** A file of the signed-in case (or the original it was converted from), as a download; each download is recorded. */
  async function download(req: Request, res: Response, next: NextFunction, variant: 'file' | 'original'): Promise<void> {
    const params = fileParams.safeParse(req.params);
    const file = params.success ? (await citizenFiles(knex, caseId(req))).find((candidate) => candidate.id === params.data.id) : undefined;
    const content = file ? await readAttachment(deps.attachments.storage, knex, file, variant) : undefined;
    if (!file || !content) {
      next();
      return;
    }
    await knex.transaction((trx) =>
      record(trx, { actorType: 'citizen', actorId: caseId(req), action: 'attachment.downloaded', entityType: 'attachment', entityId: file.id, requestId: requestId(req), details: variant === 'original' ? { variant } : {} }),
    );
    res.attachment(content.fileName).type(content.contentType).set('X-Content-Type-Options', 'nosniff').send(content.bytes);
  }

  router.get('/track/case/files/:id', requireCase, (req: Request, res: Response, next: NextFunction) => download(req, res, next, 'file'));
  router.get('/track/case/files/:id/original', requireCase, (req: Request, res: Response, next: NextFunction) => download(req, res, next, 'original'));

  router.get('/track/case/decision.pdf', requireCase, async (req: Request, res: Response, next: NextFunction) => {
    const files = await citizenFiles(knex, caseId(req));
    const pdf = (await citizenDecision(knex, caseId(req), files))?.pdf;
    if (!pdf) {
      next();
      return;
    }
    const content = await readAttachment(deps.attachments.storage, knex, pdf);
    if (!content) {
      next();
      return;
    }
    await knex.transaction((trx) => record(trx, { actorType: 'citizen', actorId: caseId(req), action: 'attachment.downloaded', entityType: 'attachment', entityId: pdf.id, requestId: requestId(req), details: { decision: true } }));
    res.attachment(content.fileName).type('application/pdf').set('X-Content-Type-Options', 'nosniff').send(content.bytes);
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
    // Nothing of the case stays in the browser (honoured over HTTPS).
    res.set('Clear-Site-Data', '"cache", "storage"');
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
