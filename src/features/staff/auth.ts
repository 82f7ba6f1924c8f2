/**
 * The back office's gate: every /staff request after login goes through `requireStaff`, which checks the
 * session's limits (30 minutes idle, 12 hours in all), re-reads the user (a disabled user is out at once, a
 * new role applies at once), sets the interface language, and — given an action — the permission.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { LANGUAGES, type Language } from '../../config.ts';
import { isLanguage, type Translator } from '../../i18n/i18n.ts';
import { LANGUAGE_COOKIE, LANGUAGE_NAMES, negotiateLanguage } from '../../http/language.ts';
import { pathTo } from '../../http/paths.ts';
import { destroySession } from '../../http/session.ts';
import { signedInAccount } from './accounts.ts';
import { can, isAction, type Action, type StaffRole } from './permissions.ts';
import './locals.ts';
import { roleKey } from './presenters/roles.ts';

const STAFF_IDLE_MS = 30 * 60 * 1000;
const STAFF_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const PENDING_LOGIN_MS = 5 * 60 * 1000;
/** "Last seen" is written at most once a minute: a session write on every page would cost more than it tells. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

/**
 * Pages before login: the language chosen with the switcher (`?lang=`, remembered in the language cookie),
 * else the browser's. After login, the user's own setting.
 */
function staffLanguage(translator: Translator, secureCookies: boolean) {
  return (req: Request, res: Response, lang?: Language): void => {
    const query: unknown = req.query.lang;
    if (!lang && isLanguage(query) && (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE] !== query) {
      res.cookie(LANGUAGE_COOKIE, query, { maxAge: 365 * 24 * 60 * 60 * 1000, httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' });
    }
    const chosen = lang ?? (isLanguage(query) ? query : negotiateLanguage(req));
    res.locals.lang = chosen;
    res.locals.t = translator.forLanguage(chosen);
    res.locals.languageLinks = LANGUAGES.map((code) => ({
      code,
      name: LANGUAGE_NAMES[code],
      href: `${req.baseUrl}${req.path}?lang=${code}`,
      current: code === chosen,
    }));
  };
}

export function createStaffGate(knex: Knex, translator: Translator, secureCookies: boolean) {
  const setLanguage = staffLanguage(translator, secureCookies);

  const signedIn: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    const session = req.session.staff;
    const now = Date.now();
    if (!session) {
      res.redirect(303, pathTo('staff.login'));
      return;
    }
    if (now - session.lastSeen > STAFF_IDLE_MS || now - session.loginAt > STAFF_ABSOLUTE_MS) {
      await destroySession(req);
      res.redirect(303, `${pathTo('staff.login')}?expired=1`);
      return;
    }
    const user = await signedInAccount(knex, session.id);
    // A session made with credentials that have since been reset, disabled or re-roled is worth nothing.
    if (!user || user.disabled_at || !user.totp_enrolled_at || session.version !== user.credential_version) {
      await destroySession(req);
      res.redirect(303, pathTo('staff.login'));
      return;
    }
    if (now - session.lastSeen >= LAST_SEEN_RESOLUTION_MS) session.lastSeen = now;
    res.locals.staffUser = {
      id: user.id,
      role: user.role,
      roleKey: roleKey(user.role),
      displayName: user.display_name,
      language: user.language,
      email: user.email,
    };
    res.locals.can = (action: string) => isAction(action) && can(user.role, action);
    setLanguage(req, res, user.language);
    next();
  };

  /** Signed in, and allowed to do `action`; otherwise 403 (the translated page). */
  function requireStaff(action?: Action): RequestHandler[] {
    if (!action) return [signedIn];
    return [
      signedIn,
      (_req: Request, res: Response, next: NextFunction) => {
        const user = res.locals.staffUser;
        next(user && can(user.role, action) ? undefined : createHttpError(403));
      },
    ];
  }

  /** Every back-office response is kept by no cache; pages before sign-in speak the reader's language. */
  const defaults: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    if (!res.locals.staffUser) setLanguage(req, res);
    next();
  };

  return { requireStaff, setLanguage, defaults };
}

/** Where a staff member lands after signing in: the queue for those who work on cases, else a page for their role. */
export function landingPath(role: StaffRole): string {
  return pathTo(can(role, 'cases.list') ? 'staff.cases.index' : 'staff.welcome');
}

export function currentStaff(res: Response): NonNullable<Response['locals']['staffUser']> {
  const user = res.locals.staffUser;
  if (!user) throw new Error('requireStaff must run first');
  return user;
}
