/**
 * Synchronizer-token CSRF protection (csrf-sync): the token lives in the server-side session and every form
 * posts it back as `_csrf`. Forms get it through the `{{csrfToken}}` helper, which creates the session on
 * first use; pages without forms never do. A form with files (multipart) carries the token in its action's
 * query string instead (`{{csrfAction …}}`), so the check runs before any byte of its body is read; logs
 * never hold query strings (http/logging.ts). Scripts may send it in an `X-CSRF-Token` header.
 */
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

const csrf = csrfSync({
  size: 32,
  getTokenFromRequest: (req: Request) => {
    const body = req.body as Record<string, unknown> | undefined;
    const candidates: unknown[] = [body?._csrf, req.get('x-csrf-token')];
    // Only a multipart body, which is parsed after this check, may put the token in the URL.
    if (req.is('multipart/form-data')) candidates.push((req.query as Record<string, unknown>)._csrf);
    return candidates.find((token): token is string => typeof token === 'string' && token !== '');
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
