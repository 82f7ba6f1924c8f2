/**
 * Stateless CSRF tokens for forms shown to a browser that has no session (see csrf.ts for when each kind is
 * used): the quiz, the letter generator, and every other form page until the visitor's first valid post. An
 * HMAC over the form's purpose, an expiry and a random value kept in a small cookie of its own. The form page
 * sets the cookie when the browser has none (no session is created: the page writes nothing on the server),
 * and a token is valid only together with the cookie it was issued for — one taken from somebody else's page,
 * or replayed from another client, is refused. Together with the cross-site check every unsafe request
 * passes, a forged submission from another site is refused too; a missing, altered, expired, other-form or
 * other-client token gets the same 403 as a bad session token.
 *
 * The form pages therefore differ per client: the page cache never keeps them (they are skipped, and it
 * refuses any response that sets a cookie), and they are sent with `Cache-Control: no-store`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import createHttpError from 'http-errors';
import { randomBase64url } from '../lib/random-pool.ts';

const VALID_FOR_MS = 4 * 60 * 60 * 1000;
const NONCE = /^[\w-]{22}$/;

export interface FormTokens {
  /** A token for this form, bound to the browser's form cookie (set on `res` when it has none yet). */
  tokenFor(req: Request, res: Response, purpose: string): string;
  /** Whether `token` is a valid token for this form and this browser's form cookie. */
  accepts(req: Request, purpose: string, token: unknown): boolean;
  /** Gives the page's `{{> csrf}}` field a token for this form, and the browser its cookie (new, or renewed). */
  issue(purpose: string): (req: Request, res: Response, next: NextFunction) => void;
  /** Refuses a submission whose `_csrf` is not a valid token for this form and this browser's cookie. */
  verify(purpose: string): (req: Request, res: Response, next: NextFunction) => void;
  /**
   * For forms that change nothing (the letter, the quiz): an expired or missing token marks the request
   * `staleForm` instead, and the handler shows the form again, as posted, with a new token.
   */
  verifyOrShowAgain(purpose: string): (req: Request, res: Response, next: NextFunction) => void;
  /**
   * For a browser that sent no cookie at all, before Express (the front door): a token for this form and the
   * Set-Cookie header of its new form cookie, as `issue` and `tokenFor` would give it.
   */
  forNewBrowser(purpose: string): { token: string; setCookie: string };
}

function formCookieName(secure: boolean): string {
  // __Host- binds the cookie to this exact host over HTTPS (no Domain, Path=/).
  return secure ? '__Host-ukuk.form' : 'ukuk.form';
}

export function createFormTokens(secret: string, options: { secureCookies: boolean }, now: () => number = Date.now): FormTokens {
  const cookieName = formCookieName(options.secureCookies);
  const sign = (purpose: string, expires: number, nonce: string): string =>
    createHmac('sha256', secret).update(`form:${purpose}:${expires}:${nonce}`).digest('base64url');
  const cookieOf = (req: Request): string | undefined => {
    const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[cookieName];
    return typeof value === 'string' && NONCE.test(value) ? value : undefined;
  };
  const valid = (purpose: string, token: unknown, nonce: string | undefined): boolean => {
    if (typeof token !== 'string' || !nonce) return false;
    const [expiresText, signature] = token.split('.', 2);
    const expires = Number(expiresText);
    if (!signature || !Number.isSafeInteger(expires) || expires < now() || expires > now() + VALID_FOR_MS) return false;
    const expected = Buffer.from(sign(purpose, expires, nonce));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  /** The browser's form cookie: the same value while the browser keeps it, its life renewed with each page. */
  const bind = (req: Request, res: Response): string => {
    if (res.locals.formCookie) return res.locals.formCookie;
    const bound = cookieOf(req) ?? randomBase64url(16);
    res.cookie(cookieName, bound, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/', maxAge: VALID_FOR_MS });
    res.locals.formCookie = bound;
    return bound;
  };
  const tokenFor = (req: Request, res: Response, purpose: string): string => {
    const bound = bind(req, res);
    const expires = now() + VALID_FOR_MS;
    return `${expires}.${sign(purpose, expires, bound)}`;
  };
  return {
    tokenFor,
    forNewBrowser(purpose) {
      const nonce = randomBase64url(16);
      const expires = now() + VALID_FOR_MS;
      const attributes = [`Max-Age=${String(VALID_FOR_MS / 1000)}`, 'Path=/', `Expires=${new Date(expires).toUTCString()}`, 'HttpOnly'];
      if (options.secureCookies) attributes.push('Secure');
      attributes.push('SameSite=Strict');
      return { token: `${expires}.${sign(purpose, expires, nonce)}`, setCookie: [`${cookieName}=${nonce}`, ...attributes].join('; ') };
    },
    accepts: (req, purpose, token) => valid(purpose, token, cookieOf(req)),
    issue: (purpose) => (req, res, next) => {
      bind(req, res);
      res.locals.issueCsrfToken = () => tokenFor(req, res, purpose);
      next();
    },
    verify: (purpose) => (req, _res, next) => {
      const body = req.body as Record<string, unknown> | undefined;
      next(valid(purpose, body?._csrf, cookieOf(req)) ? undefined : createHttpError(403, 'invalid form token', { code: 'EBADCSRFTOKEN' }));
    },
    verifyOrShowAgain: (purpose) => (req, _res, next) => {
      const body = req.body as Record<string, unknown> | undefined;
      if (!valid(purpose, body?._csrf, cookieOf(req))) req.staleForm = true;
      next();
    },
  };
}
