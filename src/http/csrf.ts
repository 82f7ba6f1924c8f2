/**
 * Anti-forgery tokens for every form that may hold a session (journeys, the case space, the back office), in
 * one rule:
 *
 * - A page shown to a browser whose session holds something (a journey's answers, a signed-in case or staff
 *   member) carries the session's synchroniser token (csrf-sync), kept in the server-side session.
 * - A page shown to a browser with no session — a visitor's first look at a form — carries a stateless token
 *   instead (form-token.ts: an HMAC over an expiry and a random value kept in the browser's own form cookie),
 *   so showing it writes nothing on the server. The session is created by the first post that passes.
 * - A post must carry the session's token, or a valid stateless token bound to this browser's form cookie
 *   (the page it came from may have been opened before the session existed: another tab, a journey's first
 *   page). After a sign-in (rotateCsrfToken) only the new session's own token is accepted: nothing issued
 *   before the change of privilege — session or stateless — can be replayed. A sign-out ends the session.
 *
 * A missing, altered, expired or other browser's token is refused with one 403 (code EBADCSRFTOKEN, which
 * intake's recoverStaleJourneyForms turns into "shown again"); a cross-site post never gets here (security.ts).
 *
 * Forms get their token through the `{{csrfToken}}` helper. A form with files (multipart) carries it in its
 * action's query string instead (`{{csrfAction …}}`), so the check runs before any byte of its body is read;
 * logs never hold query strings (http/logging.ts). Scripts may send it in an `X-CSRF-Token` header.
 */
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import type { FormTokens } from './form-token.ts';

/** The purpose stateless tokens of these forms are signed for (the quiz's and the letter's are their own). */
const PURPOSE = 'form';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokenFromRequest(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const candidates: unknown[] = [body?._csrf, req.get('x-csrf-token')];
  // Only a multipart body, which is parsed after this check, may put the token in the URL.
  if (req.is('multipart/form-data')) candidates.push((req.query as Record<string, unknown>)._csrf);
  return candidates.find((token): token is string => typeof token === 'string' && token !== '');
}

const csrf = csrfSync({ size: 32, getTokenFromRequest: tokenFromRequest });

/** Whether the session holds anything (a session that holds nothing is never stored: see session.ts). */
export function sessionHoldsSomething(req: Request): boolean {
  return Object.keys(req.session).some((key) => key !== 'cookie');
}

export interface CsrfProtection {
  /** Lets views issue a token lazily, of the kind the rule above gives this browser. */
  expose: (req: Request, res: Response, next: NextFunction) => void;
  /** Refuses an unsafe request without the token its browser's state calls for. */
  verify: (req: Request, res: Response, next: NextFunction) => void;
  /** A stateless token and its new form cookie, for a browser that sent no cookie (the front door). */
  forNewBrowser: () => { token: string; setCookie: string };
}

export function createCsrfProtection(formTokens: FormTokens): CsrfProtection {
  return {
    forNewBrowser: () => formTokens.forNewBrowser(PURPOSE),
    expose: (req, res, next) => {
      // Decided when the page prints its form: a handler may have just stored something in the session.
      res.locals.issueCsrfToken = () => (sessionHoldsSomething(req) ? csrf.generateToken(req) : formTokens.tokenFor(req, res, PURPOSE));
      next();
    },
    verify: (req, _res, next) => {
      if (SAFE_METHODS.has(req.method)) {
        next();
        return;
      }
      const valid =
        (Boolean(req.session.csrfToken) && csrf.isRequestValid(req)) || (!req.session.csrfSignedIn && formTokens.accepts(req, PURPOSE, tokenFromRequest(req)));
      next(valid ? undefined : csrf.invalidCsrfTokenError);
    },
  };
}

/** A fresh token after a sign-in, the only one the session accepts from then on: an earlier token cannot be replayed. */
export function rotateCsrfToken(req: Request): string {
  req.session.csrfSignedIn = true;
  return csrf.generateToken(req, true);
}
