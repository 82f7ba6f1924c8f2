/**
 * Signing in to the back office: the password step, the second step (a TOTP code or a recovery code), TOTP
 * enrolment on first login, and a signed-in member changing their password (the current one counts like a
 * login). Every failure, lock-out and success goes on the audit trail — with ids, never e-mails.
 */
import type { Knex } from 'knex';
import { record, recordAlone } from '../audit/service.ts';
import type { AccountDeps } from './accounts.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import {
  bumpCredentialVersion,
  countFailure,
  deleteStaffSessions,
  findStaffByEmail,
  findStaffById,
  replaceRecoveryCodes,
  updateStaff,
  useRecoveryCode,
  useTotpStep,
  type StaffRow,
} from './repository.ts';
import { hashRecoveryCode, newRecoveryCodes, newSecret, normaliseRecoveryCode, openSecret, sealSecret, verifyCode } from './totp.ts';

const MAX_FAILED_ATTEMPTS = 5;
const LOCK_MINUTES = 15;

export type PasswordStep = { ok: true; staff: StaffRow; next: 'code' | 'enrol' } | { ok: false };

/** A login that has passed the password step: whose, and with which credential version. */
export interface PendingLogin {
  staffId: number;
  version: number;
}

/** Step one. Every failure gets the same answer; the audit trail and the lock counter tell them apart. */
export async function checkPassword(deps: AccountDeps, email: string, password: string, requestId: string | null): Promise<PasswordStep> {
  const staff = await findStaffByEmail(deps.knex, email);
  const valid = await verifyPassword(staff?.password_hash ?? (await decoyHash()), password);
  const failed = (reason: string) => ({
    actorType: 'staff' as const,
    actorId: staff?.id ?? null,
    action: 'staff.login.failed',
    entityType: 'staff',
    entityId: staff?.id ?? null,
    requestId,
    details: { step: 'password', reason },
  });
  if (!staff) {
    await recordAlone(deps.knex, failed('unknown_account'));
    return { ok: false };
  }
  if (staff.disabled_at) {
    await recordAlone(deps.knex, failed('disabled'));
    return { ok: false };
  }
  if (staff.locked_until && staff.locked_until > new Date()) {
    await recordAlone(deps.knex, failed('locked'));
    return { ok: false };
  }
  if (!valid || !staff.password_hash) {
    await registerFailure(deps.knex, staff.id, 'password', requestId);
    return { ok: false };
  }
  if (needsRehash(staff.password_hash)) await updateStaff(deps.knex, staff.id, { password_hash: await hashPassword(password) });
  return { ok: true, staff, next: staff.totp_enrolled_at ? 'code' : 'enrol' };
}

async function registerFailure(knex: Knex, staffId: number, step: string, requestId: string | null): Promise<void> {
  const locked = await countFailure(knex, staffId, MAX_FAILED_ATTEMPTS, LOCK_MINUTES);
  await recordAlone(knex, {
    actorType: 'staff',
    actorId: staffId,
    action: 'staff.login.failed',
    entityType: 'staff',
    entityId: staffId,
    requestId,
    details: { step, reason: 'wrong_credentials' },
  });
  if (locked)
    await recordAlone(knex, {
      actorType: 'system',
      action: 'staff.login.locked',
      entityType: 'staff',
      entityId: staffId,
      requestId,
      details: { minutes: LOCK_MINUTES },
    });
}

/**
 * The account a half-finished login belongs to, if it may still go on: not disabled or locked, with a
 * password that still exists, and the same credentials the password step was passed with (a reset, disable
 * or role change since then moves the version on).
 */
async function usable(knex: Knex, login: PendingLogin): Promise<StaffRow | undefined> {
  const staff = await findStaffById(knex, login.staffId);
  if (!staff || staff.disabled_at || (staff.locked_until && staff.locked_until > new Date())) return undefined;
  if (!staff.password_hash || staff.credential_version !== login.version) return undefined;
  return staff;
}

async function recordLogin(trx: Knex.Transaction, staffId: number, method: string, requestId: string | null): Promise<void> {
  await record(trx, {
    actorType: 'staff',
    actorId: staffId,
    action: 'staff.login.succeeded',
    entityType: 'staff',
    entityId: staffId,
    requestId,
    details: { method },
  });
}

async function succeeded(knex: Knex, staff: StaffRow, method: string, requestId: string | null): Promise<void> {
  await knex.transaction(async (trx) => {
    await updateStaff(trx, staff.id, { failed_attempts: 0, locked_until: null, last_login_at: trx.fn.now() });
    await recordLogin(trx, staff.id, method, requestId);
  });
}

/** Step two: a TOTP code (each usable once) or a recovery code (each usable once). */
export async function checkSecondFactor(deps: AccountDeps, login: PendingLogin, input: string, requestId: string | null): Promise<StaffRow | undefined> {
  const staff = await usable(deps.knex, login);
  if (!staff?.totp_secret || !staff.totp_enrolled_at) return undefined;
  const secret = openSecret(staff.totp_secret, deps.keys.totp, staff.id);
  const step = verifyCode(secret, input);
  if (step !== undefined && (await useTotpStep(deps.knex, staff.id, step))) {
    await succeeded(deps.knex, staff, 'totp', requestId);
    return staff;
  }
  const recovery = normaliseRecoveryCode(input);
  if (recovery && (await useRecoveryCode(deps.knex, staff.id, hashRecoveryCode(recovery, deps.keys.recovery)))) {
    await succeeded(deps.knex, staff, 'recovery_code', requestId);
    return staff;
  }
  await registerFailure(deps.knex, staff.id, 'second_factor', requestId);
  return undefined;
}

/** Enrolment, first part: a new secret for this account (replacing any unconfirmed one). */
export async function beginEnrolment(deps: AccountDeps, login: PendingLogin): Promise<{ staff: StaffRow; secret: string } | undefined> {
  const staff = await usable(deps.knex, login);
  if (!staff || staff.totp_enrolled_at) return undefined;
  const secret = staff.totp_secret ? openSecret(staff.totp_secret, deps.keys.totp, staff.id) : newSecret();
  if (!staff.totp_secret) await updateStaff(deps.knex, staff.id, { totp_secret: sealSecret(secret, deps.keys.totp, staff.id) });
  return { staff, secret };
}

/** Enrolment, second part: a correct code confirms it; ten recovery codes are returned, to be shown once. */
export async function confirmEnrolment(
  deps: AccountDeps,
  login: PendingLogin,
  code: string,
  requestId: string | null,
): Promise<{ staff: StaffRow; recoveryCodes: string[] } | undefined> {
  const staff = await usable(deps.knex, login);
  if (!staff?.totp_secret || staff.totp_enrolled_at) return undefined;
  const step = verifyCode(openSecret(staff.totp_secret, deps.keys.totp, staff.id), code);
  if (step === undefined || !(await useTotpStep(deps.knex, staff.id, step))) {
    await registerFailure(deps.knex, staff.id, 'enrolment', requestId);
    return undefined;
  }
  const recoveryCodes = newRecoveryCodes();
  await deps.knex.transaction(async (trx) => {
    await updateStaff(trx, staff.id, { totp_enrolled_at: trx.fn.now(), failed_attempts: 0, last_login_at: trx.fn.now() });
    await replaceRecoveryCodes(
      trx,
      staff.id,
      recoveryCodes.map((recoveryCode) => hashRecoveryCode(recoveryCode, deps.keys.recovery)),
    );
    await record(trx, { actorType: 'staff', actorId: staff.id, action: 'staff.totp.enrolled', entityType: 'staff', entityId: staff.id, requestId });
    await recordLogin(trx, staff.id, 'enrolment', requestId);
  });
  return { staff, recoveryCodes };
}

export type PasswordChange = { ok: true; staff: StaffRow; sessionsEnded: number } | { ok: false };

/**
 * A signed-in staff member replaces their password: the current one must be given (a wrong one counts towards
 * the lock like a failed login), and every session of the account ends — the caller opens a fresh one for
 * the browser that made the change.
 */
export async function changePassword(deps: AccountDeps, staffId: number, current: string, next: string, requestId: string | null): Promise<PasswordChange> {
  const staff = await findStaffById(deps.knex, staffId);
  if (!staff || staff.disabled_at) return { ok: false };
  if (!(await verifyPassword(staff.password_hash, current))) {
    await registerFailure(deps.knex, staffId, 'password_change', requestId);
    return { ok: false };
  }
  const hash = await hashPassword(next);
  return deps.knex.transaction(async (trx) => {
    await updateStaff(trx, staffId, { password_hash: hash, password_changed_at: trx.fn.now() });
    await bumpCredentialVersion(trx, staffId);
    const sessionsEnded = await deleteStaffSessions(trx, staffId);
    await record(trx, {
      actorType: 'staff',
      actorId: staffId,
      action: 'staff.password.changed',
      entityType: 'staff',
      entityId: staffId,
      requestId,
      details: { sessionsEnded },
    });
    const changed = await findStaffById(trx, staffId);
    if (!changed) throw new Error('staff account vanished');
    return { ok: true, staff: changed, sessionsEnded };
  });
}
