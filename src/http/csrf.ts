/**
 * Synchronizer-token CSRF protection (csrf-sync): the token lives in the server-side session and every form
 * posts it back as `_csrf`. Forms get it through the `{{csrfToken}}` helper, which creates the session on
 * first use; pages without forms never do.
 */
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

const csrf = csrfSync({
  size: 32,
  getTokenFromRequest: (req: Request) => {
    const body = req.body as Record<string, unknown> | undefined;
    const token = body?._csrf;
    return typeof token === 'string' ? token : undefined;
  },
});

export const verifyCsrfToken = csrf.csrfSynchronisedProtection;

/** Lets views issue a token lazily (only a page that prints a form creates the session). */
export function exposeCsrfToken(req: Request, res: Response, next: NextFunction): void {
  res.locals.issueCsrfToken = () => csrf.generateToken(req);
  next();
}

/** A fresh token after a privilege change (sign-in, sign-out), so an earlier token cannot be replayed. */
export function rotateCsrfToken(req: Request): string {
  return csrf.generateToken(req, true);
}
