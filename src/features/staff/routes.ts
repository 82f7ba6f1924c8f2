/**
 * /staff sign-in: password, then the second factor (TOTP enrolment on first login), the set-up link, sign-out,
 * and the user's own account page. Each failure answers the same generic way; the session id changes at
 * each step up in trust.
 */
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { Config, Language } from '../../config.ts';
import { isLanguage } from '../../i18n/i18n.ts';
import { rotateCsrfToken } from '../../http/csrf.ts';
import { requestId } from '../../http/logging.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { destroySession, regenerateSession } from '../../http/session.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { recordAlone } from '../audit/service.ts';
import { beginEnrolment, changePassword, checkPassword, checkSecondFactor, completeSetup, confirmEnrolment, endAllSessions, setLanguage, setupAccount, type PendingLogin, type StaffKeys } from './accounts.ts';
import { currentStaff, landingPath, PENDING_LOGIN_MS, type createStaffGate } from './auth.ts';
import { can } from './permissions.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';
import { unusedRecoveryCodes } from './repository.ts';
import { codeForm, languageForm, loginForm, passwordChangeForm, passwordForm, setupParams } from './schemas.ts';
import { enrolment } from './totp.ts';

export interface StaffAuthDeps {
  knex: Knex;
  keys: StaffKeys;
  config: Pick<Config, 'authority'>;
  limiter: RateLimiter;
  gate: ReturnType<typeof createStaffGate>;
}

const GENERIC_FAILURE = 'staff.errors.signInFailed';

function failure(field: string, key = GENERIC_FAILURE): FormErrors {
  const error = { field, key, values: {} };
  return { list: [error], byField: { [field]: error } };
}

export function staffAuthRoutes(deps: StaffAuthDeps): Router {
  const router = Router();
  const { knex, gate } = deps;
  const accounts = { knex, keys: deps.keys };
  // Failures per address; per account, the lock counter in the database (5 failures → 15 minutes).
  const perAddress = deps.limiter.limit({ name: 'staff-login-ip', windowMs: 15 * 60 * 1000, limit: 30, skipSuccessful: true });

  /** The half-finished login in this session, if it is at `next` and under five minutes old. */
  const pending = (req: Request, next: 'code' | 'enrol'): PendingLogin | undefined => {
    const state = req.session.staffPending;
    return state && state.next === next && Date.now() - state.at < PENDING_LOGIN_MS && state.version !== undefined ? { staffId: state.id, version: state.version } : undefined;
  };

  /**
   * Pages that belong to one account (set-up link, second step, enrolment) speak that account's language,
   * unless the reader has just picked another one with the switcher.
   */
  const accountLanguage = (req: Request, res: Response, lang: Language | undefined): void => {
    if (lang && !isLanguage(req.query.lang)) gate.setLanguage(req, res, lang);
  };

  async function signInCompleted(req: Request, res: Response, staff: { id: number; credential_version: number }): Promise<void> {
    await regenerateSession(req);
    const now = Date.now();
    req.session.staff = { id: staff.id, loginAt: now, lastSeen: now, version: staff.credential_version };
    rotateCsrfToken(req);
  }

  router.use((req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (!res.locals.staffUser) gate.setLanguage(req, res);
    next();
  });

  // Anonymous visitors go to the login page (requireStaff), signed-in staff to the page made for their role.
  router.get('/', ...gate.requireStaff(), (_req: Request, res: Response) => {
    res.redirect(303, landingPath(currentStaff(res).role));
  });

  router.get('/welcome', ...gate.requireStaff(), (_req: Request, res: Response) => {
    const user = currentStaff(res);
    res.render('staff/welcome', {
      layout: 'staff',
      title: res.locals.t('staffAccess.welcome.title'),
      role: user.role,
      canCases: can(user.role, 'cases.list'),
      canHolidays: can(user.role, 'holidays.view'),
      canAudit: can(user.role, 'audit.view'),
      canUsers: can(user.role, 'users.manage'),
      canApprove: can(user.role, 'users.approve'),
    });
  });

  router.get('/login', (req: Request, res: Response) => {
    const { t } = res.locals;
    const notice = req.query.expired === '1' ? t('staff.login.expired') : req.query.signedOut === '1' ? t('staff.login.signedOut') : req.query.ready === '1' ? t('staff.login.passwordSet') : undefined;
    res.render('staff/login', { layout: 'staff', title: t('staff.login.title'), values: {}, notice });
  });

  router.post('/login', perAddress, async (req: Request, res: Response) => {
    const { t } = res.locals;
    const body = req.body as Record<string, unknown>;
    const values = { email: typeof body.email === 'string' ? body.email.slice(0, 254) : '' };
    const parsed = validate(loginForm, body);
    if (!parsed.ok) {
      res.status(400).render('staff/login', { layout: 'staff', title: t('staff.login.title'), values, errors: parsed.errors });
      return;
    }
    const result = await checkPassword(accounts, parsed.data.email, parsed.data.password, requestId(req));
    if (!result.ok) {
      res.status(400).render('staff/login', { layout: 'staff', title: t('staff.login.title'), values, errors: failure('email') });
      return;
    }
    await regenerateSession(req);
    req.session.staffPending = { id: result.staff.id, at: Date.now(), next: result.next, version: result.staff.credential_version, lang: result.staff.language };
    res.redirect(303, result.next === 'enrol' ? '/staff/enrol' : '/staff/login/code');
  });

  /** The second step's page, in the account's language. */
  function codePage(req: Request, res: Response, errors?: FormErrors): void {
    accountLanguage(req, res, req.session.staffPending?.lang);
    res.status(errors ? 400 : 200).render('staff/code', { layout: 'staff', title: res.locals.t('staff.code.title'), errors });
  }

  router.get('/login/code', (req: Request, res: Response) => {
    if (pending(req, 'code') === undefined) {
      res.redirect(303, '/staff/login');
      return;
    }
    codePage(req, res);
  });

  router.post('/login/code', perAddress, async (req: Request, res: Response) => {
    const login = pending(req, 'code');
    if (login === undefined) {
      res.redirect(303, '/staff/login?expired=1');
      return;
    }
    const parsed = validate(codeForm, req.body);
    if (!parsed.ok) {
      codePage(req, res, parsed.errors);
      return;
    }
    const staff = await checkSecondFactor(accounts, login, parsed.data.code, requestId(req));
    if (!staff) {
      codePage(req, res, failure('code'));
      return;
    }
    await signInCompleted(req, res, staff);
    res.redirect(303, landingPath(staff.role));
  });

  async function enrolPage(req: Request, res: Response, login: PendingLogin, errors?: FormErrors): Promise<void> {
    const started = await beginEnrolment(accounts, login);
    if (!started) {
      // The credentials this login began with are gone (reset, disabled, role changed): start again.
      delete req.session.staffPending;
      res.redirect(303, '/staff/login?expired=1');
      return;
    }
    accountLanguage(req, res, started.staff.language);
    const { t } = res.locals;
    const details = await enrolment(started.secret, started.staff.email, t('site.name'));
    res.status(errors ? 400 : 200).render('staff/enrol', { layout: 'staff', title: t('staff.enrol.title'), qrSvg: details.qrSvg, manualKey: details.manualKey, errors });
  }

  router.get('/enrol', async (req: Request, res: Response) => {
    const login = pending(req, 'enrol');
    if (login === undefined) {
      res.redirect(303, '/staff/login');
      return;
    }
    await enrolPage(req, res, login);
  });

  router.post('/enrol', perAddress, async (req: Request, res: Response) => {
    const login = pending(req, 'enrol');
    if (login === undefined) {
      res.redirect(303, '/staff/login?expired=1');
      return;
    }
    const parsed = validate(codeForm, req.body);
    if (!parsed.ok) {
      await enrolPage(req, res, login, parsed.errors);
      return;
    }
    const enrolled = await confirmEnrolment(accounts, login, parsed.data.code, requestId(req));
    if (!enrolled) {
      await enrolPage(req, res, login, failure('code', 'staff.errors.enrolCode'));
      return;
    }
    await signInCompleted(req, res, enrolled.staff);
    accountLanguage(req, res, enrolled.staff.language);
    // Shown once, in this response; only their hashes are kept.
    res.render('staff/recovery-codes', { layout: 'staff', title: res.locals.t('staff.recovery.title'), codes: enrolled.recoveryCodes, next: landingPath(enrolled.staff.role) });
  });

  async function setupPage(req: Request, res: Response, errors?: FormErrors): Promise<void> {
    const params = setupParams.safeParse(req.params);
    const staff = params.success ? await setupAccount(knex, params.data.token) : undefined;
    if (!params.success || !staff) {
      res.status(404).render('staff/setup-expired', { layout: 'staff', title: res.locals.t('staff.setup.expiredTitle') });
      return;
    }
    accountLanguage(req, res, staff.language);
    const { t } = res.locals;
    res.status(errors ? 400 : 200).render('staff/setup', { layout: 'staff', title: t('staff.setup.title'), email: staff.email, errors, min: PASSWORD_MIN, max: PASSWORD_MAX });
  }

  // The site-wide Referrer-Policy (same-origin) keeps the token from other sites; no-referrer would make
  // browsers send "Origin: null" with the form, which the cross-site check rightly refuses.
  router.get('/setup/:token', async (req: Request, res: Response) => {
    await setupPage(req, res);
  });

  router.post('/setup/:token', perAddress, async (req: Request, res: Response) => {
    const params = setupParams.safeParse(req.params);
    const staff = params.success ? await setupAccount(knex, params.data.token) : undefined;
    if (!params.success || !staff) {
      await setupPage(req, res);
      return;
    }
    const parsed = validate(passwordForm(staff.email), req.body);
    if (!parsed.ok) {
      await setupPage(req, res, parsed.errors);
      return;
    }
    await completeSetup(accounts, params.data.token, parsed.data.password, requestId(req));
    // The login page in the language of the set-up page (remembered in the language cookie from here).
    res.redirect(303, `/staff/login?ready=1&lang=${isLanguage(req.query.lang) ? req.query.lang : staff.language}`);
  });

  // Nothing of the back office stays in the browser after signing out (honoured over HTTPS).
  router.post('/logout', async (req: Request, res: Response) => {
    const staffId = req.session.staff?.id;
    await destroySession(req);
    res.set('Clear-Site-Data', '"cache", "storage"');
    if (staffId !== undefined) await recordAlone(knex, { actorType: 'staff', actorId: staffId, action: 'staff.logout', entityType: 'staff', entityId: staffId, requestId: requestId(req) });
    res.redirect(303, '/staff/login?signedOut=1');
  });

  router.get('/account', ...gate.requireStaff(), async (req: Request, res: Response) => {
    const user = currentStaff(res);
    const saved = req.query.saved === 'password' || req.query.saved === 'sessions' ? `staffAccess.saved.${req.query.saved}` : req.query.saved === '1' ? 'staff.account.saved' : undefined;
    res.render('staff/account', { layout: 'staff', title: res.locals.t('staff.account.title'), recoveryLeft: await unusedRecoveryCodes(knex, user.id), values: { language: user.language }, saved });
  });

  /** This browser carries on with a fresh session after the account's sessions were all ended. */
  async function continueSignedIn(req: Request, staffId: number, version: number): Promise<void> {
    await regenerateSession(req);
    const now = Date.now();
    req.session.staff = { id: staffId, loginAt: now, lastSeen: now, version };
    rotateCsrfToken(req);
  }

  function passwordPage(res: Response, errors?: FormErrors): void {
    res.status(errors ? 400 : 200).render('staff/password', { layout: 'staff', title: res.locals.t('staffAccess.password.title'), errors, min: PASSWORD_MIN, max: PASSWORD_MAX });
  }

  router.get('/account/password', ...gate.requireStaff(), (_req: Request, res: Response) => {
    passwordPage(res);
  });

  router.post('/account/password', perAddress, ...gate.requireStaff(), async (req: Request, res: Response) => {
    const user = currentStaff(res);
    const parsed = validate(passwordChangeForm(user.email), req.body);
    if (!parsed.ok) {
      passwordPage(res, parsed.errors);
      return;
    }
    const changed = await changePassword(accounts, user.id, parsed.data.current, parsed.data.password, requestId(req));
    if (!changed.ok) {
      passwordPage(res, failure('current', 'staffAccess.password.errors.wrong'));
      return;
    }
    await continueSignedIn(req, user.id, changed.staff.credential_version);
    res.redirect(303, '/staff/account?saved=password');
  });

  router.post('/account/sessions', ...gate.requireStaff(), async (req: Request, res: Response) => {
    const user = currentStaff(res);
    const version = await endAllSessions(accounts, user.id, { type: 'staff', id: user.id, requestId: requestId(req) });
    await continueSignedIn(req, user.id, version);
    res.redirect(303, '/staff/account?saved=sessions');
  });

  router.post('/account/language', ...gate.requireStaff(), async (req: Request, res: Response) => {
    const user = currentStaff(res);
    const parsed = validate(languageForm, req.body);
    if (!parsed.ok) {
      res.status(400).render('staff/account', { layout: 'staff', title: res.locals.t('staff.account.title'), recoveryLeft: await unusedRecoveryCodes(knex, user.id), values: { language: user.language }, errors: parsed.errors });
      return;
    }
    await setLanguage(knex, user.id, parsed.data.language);
    res.redirect(303, '/staff/account?saved=1');
  });

  return router;
}
