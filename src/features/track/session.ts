/**
 * The citizen's case session: opened by signing in with the reference and access code, bound to that one case
 * and to its current access code. It ends after 15 minutes without activity, after 2 hours in all, and as soon
 * as the code is replaced; every page of the case space runs `requireCase` first.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { rotateCsrfToken } from '../../http/csrf.ts';
import { pathTo } from '../../http/paths.ts';
import { destroySession, regenerateSession } from '../../http/session.ts';
import { caseSessionCurrent } from '../cases/citizen.ts';
import type { CaseRow } from '../cases/service.ts';

const CASE_SESSION_IDLE_MS = 15 * 60 * 1000;
const CASE_SESSION_ABSOLUTE_MS = 2 * 60 * 60 * 1000;

/** Pages of the case space are never stored by a browser or a proxy. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  next();
}

/** Whether a session's case access has run out (idle, too old, or opened with a code since replaced). */
async function sessionEnded(knex: Knex, access: Request['session']['caseAccess'], now: number): Promise<boolean> {
  return (
    !access ||
    now - access.lastSeen > CASE_SESSION_IDLE_MS ||
    access.signedInAt === undefined ||
    now - access.signedInAt > CASE_SESSION_ABSOLUTE_MS ||
    !(await caseSessionCurrent(knex, access.caseId, access.version))
  );
}

/** The signed-in case, or back to the sign-in page (saying the session expired when there was one). */
export function requireCase(knex: Knex): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const access = req.session.caseAccess;
    if (await sessionEnded(knex, access, Date.now())) {
      if (access) await destroySession(req);
      res.redirect(303, `${pathTo('track.signIn', { lang: res.locals.lang })}${access ? '?expired=1' : ''}`);
      return;
    }
    // Written at most once a minute (each write is a session save).
    if (access && Date.now() - access.lastSeen >= 60_000) access.lastSeen = Date.now();
    res.set('Cache-Control', 'no-store');
    next();
  };
}

/** The id of the signed-in case: from the session, never from the request. */
export function signedInCaseId(req: Request): number {
  const access = req.session.caseAccess;
  if (!access) throw new Error('requireCase must run first');
  return access.caseId;
}

/** A new session id for the case: whatever session existed before signing in is not the one that sees the case. */
export async function openCaseSession(req: Request, found: Pick<CaseRow, 'id' | 'reference' | 'access_code_version'>): Promise<void> {
  await regenerateSession(req);
  const now = Date.now();
  req.session.caseAccess = { caseId: found.id, reference: found.reference, lastSeen: now, signedInAt: now, version: found.access_code_version };
  // The sign-in page's token (stateless, or the old session's) is not accepted by the case's session.
  rotateCsrfToken(req);
}

export const endCaseSession = destroySession;
