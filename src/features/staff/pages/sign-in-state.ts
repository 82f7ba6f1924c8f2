/**
 * The sign-in's state in the session: the half-finished login between the password and the second step, the
 * signed-in session (a new session id at each step up in trust), and the language of pages that belong to one
 * account. Every failure of a sign-in step answers the same generic way.
 */
import type { Request, Response } from 'express';
import type { Language } from '../../../config.ts';
import { rotateCsrfToken } from '../../../http/csrf.ts';
import { regenerateSession } from '../../../http/session.ts';
import type { FormErrors } from '../../../http/validation.ts';
import { isLanguage } from '../../../i18n/i18n.ts';
import { PENDING_LOGIN_MS, type createStaffGate } from '../auth.ts';
import type { PendingLogin } from '../sign-in.ts';
import { fieldError } from './deps.ts';

/** The one answer to every failed sign-in step, on `field`. */
export function signInFailure(field: string, key = 'staff.errors.signInFailed'): FormErrors {
  return fieldError(field, key);
}

/** The half-finished login in this session, if it is at `next` and under five minutes old. */
export function pendingLogin(req: Request, next: 'code' | 'enrol'): PendingLogin | undefined {
  const state = req.session.staffPending;
  if (!state || state.next !== next || Date.now() - state.at >= PENDING_LOGIN_MS || state.version === undefined) return undefined;
  return { staffId: state.id, version: state.version };
}

/** A fresh session, signed in as this account with these credentials (after a login or a password change). */
export async function startSignedIn(req: Request, staffId: number, version: number): Promise<void> {
  await regenerateSession(req);
  const now = Date.now();
  req.session.staff = { id: staffId, loginAt: now, lastSeen: now, version };
  rotateCsrfToken(req);
}

/**
 * Pages that belong to one account (set-up link, second step, enrolment) speak that account's language,
 * unless the reader has just picked another one with the switcher.
 */
export function useAccountLanguage(gate: ReturnType<typeof createStaffGate>, req: Request, res: Response, lang: Language | undefined): void {
  if (lang && !isLanguage(req.query.lang)) gate.setLanguage(req, res, lang);
}
