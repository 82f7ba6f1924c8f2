/**
 * CSRF tokens for the few public forms that must work without a session or cookie (the quiz, the letter
 * generator): an HMAC over the form's purpose and an expiry. Together with the cross-site check every unsafe
 * request passes, a forged submission from another site is refused; a missing, altered, expired or
 * other-form token gets the same 403 as a bad session token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import createHttpError from 'http-errors';

const VALID_FOR_MS = 4 * 60 * 60 * 1000;

export interface FormTokens {
  /** Gives the page's `{{> csrf}}` field a token for this form. */
  issue(purpose: string): (req: Request, res: Response, next: NextFunction) => void;
  /** Refuses a submission whose `_csrf` is not a valid token for this form. */
  verify(purpose: string): (req: Request, res: Response, next: NextFunction) => void;
  /**
   * For forms that change nothing (the letter, the quiz): an expired or missing token marks the request
   * `staleForm` instead, and the handler shows the form again, as posted, with a new token.
   */
  verifyOrShowAgain(purpose: string): (req: Request, res: Response, next: NextFunction) => void;
}

export function createFormTokens(secret: string, now: () => number = Date.now): FormTokens {
  const sign = (purpose: string, expires: number): string => createHmac('sha256', secret).update(`form:${purpose}:${expires}`).digest('base64url');
  const make = (purpose: string): string => {
    const expires = now() + VALID_FOR_MS;
    return `${expires}.${sign(purpose, expires)}`;
  };
  const valid = (purpose: string, token: unknown): boolean => {
    if (typeof token !== 'string') return false;
    const [expiresText, signature] = token.split('.', 2);
    const expires = Number(expiresText);
    if (!signature || !Number.isSafeInteger(expires) || expires < now()) return false;
    const expected = Buffer.from(sign(purpose, expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return {
    issue: (purpose) => (_req, res, next) => {
      res.locals.issueCsrfToken = () => make(purpose);
      next();
    },
    verify: (purpose) => (req, _res, next) => {
      const body = req.body as Record<string, unknown> | undefined;
      next(valid(purpose, body?._csrf) ? undefined : createHttpError(403, 'invalid form token', { code: 'EBADCSRFTOKEN' }));
    },
    verifyOrShowAgain: (purpose) => (req, _res, next) => {
      const body = req.body as Record<string, unknown> | undefined;
      if (!valid(purpose, body?._csrf)) req.staleForm = true;
      next();
    },
  };
}
