/**
 * Staff accounts: creation with a single-use set-up link, the two login steps (password, then TOTP or a
 * recovery code), TOTP enrolment, and what admins change (role, disabled, a fresh set-up link). Every
 * login, failure, lock-out, enrolment and role change goes on the audit trail — with ids, never e-mails.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { deriveKey } from '../../lib/sealing.ts';
import { record, recordAlone } from '../audit/service.ts';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import type { StaffRole } from './permissions.ts';
import {
  bumpCredentialVersion,
  countFailure,
  deleteStaffSessions,
  emailTaken,
  findBySetupToken,
  findStaffByEmail,
  findStaffById,
  insertStaff,
  listSupervisors,
  replaceRecoveryCodes,
  updateStaff,
  useRecoveryCode,
  useTotpStep,
  type NewStaff,
  type StaffRow,
} from './repository.ts';
import { hashRecoveryCode, newRecoveryCodes, newSecret, normaliseRecoveryCode, openSecret, sealSecret, verifyCode } from './totp.ts';

export const SETUP_LINK_HOURS = 24;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export interface StaffKeys {
  totp: Buffer;
  recovery: Buffer;
}

/** The keys of the second factor, derived from DATA_ENCRYPTION_KEY. */
export function staffKeys(master: Buffer): StaffKeys {
  return { totp: deriveKey(master, 'staff-totp'), recovery: deriveKey(master, 'staff-recovery') };
}

export interface AccountDeps {
  knex: Knex;
  keys: StaffKeys;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface Actor {
  type: 'staff' | 'system';
  id: number | null;
  requestId: string | null;
}

/** Creates an account that can do nothing until its owner opens the set-up link. Returns the link's token. */
export async function createStaff(deps: AccountDeps, staff: NewStaff, actor: Actor): Promise<{ id: number; token: string } | { problem: 'emailTaken' }> {
  if (await emailTaken(deps.knex, staff.email)) return { problem: 'emailTaken' };
  return deps.knex.transaction((trx) => insertNewStaff(trx, staff, actor));
}

/** The account and its set-up link, within `trx` (the caller has checked the address is free). */
export async function insertNewStaff(trx: Knex.Transaction, staff: NewStaff, actor: Actor, details: Record<string, string | number> = {}): Promise<{ id: number; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = await insertStaff(trx, staff, sha256(token), new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000));
  await record(trx, { actorType: actor.type, actorId: actor.id, action: 'staff.created', entityType: 'staff', entityId: id, requestId: actor.requestId, details: { role: staff.role, ...details } });
  return { id, token };
}

/** A new set-up link: the old password and second factor stop working, and every session ends. */
export async function resetCredentials(deps: AccountDeps, staffId: number, actor: Actor): Promise<string> {
  return deps.knex.transaction((trx) => resetCredentialsIn(trx, staffId, actor));
}

/** As resetCredentials, within `trx`. Returns the new link's token. */
export async function resetCredentialsIn(trx: Knex.Transaction, staffId: number, actor: Actor): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await updateStaff(trx, staffId, { password_hash: null, totp_secret: null, totp_enrolled_at: null, totp_last_step: null, setup_token_hash: sha256(token), setup_expires_at: new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000), failed_attempts: 0, locked_until: null });
  await trx('staff_recovery_codes').where({ staff_id: staffId }).delete();
  await bumpCredentialVersion(trx, staffId);
  await deleteStaffSessions(trx, staffId);
  await record(trx, { actorType: actor.type, actorId: actor.id, action: 'staff.credentials.reset', entityType: 'staff', entityId: staffId, requestId: actor.requestId });
  return token;
}

export async function setupAccount(knex: Knex, token: string): Promise<StaffRow | undefined> {
  return knex.transaction((trx) => findBySetupToken(trx, sha256(token)));
}

/** Sets the password from a set-up link; the link stops working. */
export async function completeSetup(deps: AccountDeps, token: string, password: string, requestId: string | null): Promise<StaffRow | undefined> {
  const hash = await hashPassword(password);
  return deps.knex.transaction(async (trx) => {
    const staff = await findBySetupToken(trx, sha256(token));
    if (!staff) return undefined;
    await updateStaff(trx, staff.id, { password_hash: hash, password_changed_at: trx.fn.now(), setup_token_hash: null, setup_expires_at: null });
    await record(trx, { actorType: 'staff', actorId: staff.id, action: 'staff.password.set', entityType: 'staff', entityId: staff.id, requestId });
    return staff;
  });
}

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
  const failed = (reason: string) => ({ actorType: 'staff' as const, actorId: staff?.id ?? null, action: 'staff.login.failed', entityType: 'staff', entityId: staff?.id ?? null, requestId, details: { step: 'password', reason } });
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
  await recordAlone(knex, { actorType: 'staff', actorId: staffId, action: 'staff.login.failed', entityType: 'staff', entityId: staffId, requestId, details: { step, reason: 'wrong_credentials' } });
  if (locked) await recordAlone(knex, { actorType: 'system', action: 'staff.login.locked', entityType: 'staff', entityId: staffId, requestId, details: { minutes: LOCK_MINUTES } });
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

async function succeeded(knex: Knex, staff: StaffRow, method: string, requestId: string | null): Promise<void> {
  await knex.transaction(async (trx) => {
    await updateStaff(trx, staff.id, { failed_attempts: 0, locked_until: null, last_login_at: trx.fn.now() });
    await record(trx, { actorType: 'staff', actorId: staff.id, action: 'staff.login.succeeded', entityType: 'staff', entityId: staff.id, requestId, details: { method } });
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
export async function confirmEnrolment(deps: AccountDeps, login: PendingLogin, code: string, requestId: string | null): Promise<{ staff: StaffRow; recoveryCodes: string[] } | undefined> {
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
    await replaceRecoveryCodes(trx, staff.id, recoveryCodes.map((recoveryCode) => hashRecoveryCode(recoveryCode, deps.keys.recovery)));
    await record(trx, { actorType: 'staff', actorId: staff.id, action: 'staff.totp.enrolled', entityType: 'staff', entityId: staff.id, requestId });
    await record(trx, { actorType: 'staff', actorId: staff.id, action: 'staff.login.succeeded', entityType: 'staff', entityId: staff.id, requestId, details: { method: 'enrolment' } });
  });
  return { staff, recoveryCodes };
}

export async function changeRole(deps: AccountDeps, staffId: number, role: StaffRole, actor: Actor): Promise<void> {
  await deps.knex.transaction((trx) => changeRoleIn(trx, staffId, role, actor));
}

/** As changeRole, within `trx`. */
export async function changeRoleIn(trx: Knex.Transaction, staffId: number, role: StaffRole, actor: Actor): Promise<void> {
  const staff = await findStaffById(trx, staffId);
  if (!staff || staff.role === role) return;
  await updateStaff(trx, staffId, { role });
  // Sessions are re-read on every request, but a role change still starts afresh (half-finished logins too).
  await bumpCredentialVersion(trx, staffId);
  await deleteStaffSessions(trx, staffId);
  await record(trx, { actorType: actor.type, actorId: actor.id, action: 'staff.role.changed', entityType: 'staff', entityId: staffId, requestId: actor.requestId, details: { from: staff.role, to: role } });
}

export async function setDisabled(deps: AccountDeps, staffId: number, disabled: boolean, actor: Actor): Promise<void> {
  await deps.knex.transaction(async (trx) => {
    await updateStaff(trx, staffId, { disabled_at: disabled ? trx.fn.now() : null, failed_attempts: 0, locked_until: null });
    if (disabled) await bumpCredentialVersion(trx, staffId);
    const ended = disabled ? await deleteStaffSessions(trx, staffId) : 0;
    await record(trx, { actorType: actor.type, actorId: actor.id, action: disabled ? 'staff.disabled' : 'staff.enabled', entityType: 'staff', entityId: staffId, requestId: actor.requestId, details: { sessionsEnded: ended } });
  });
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
    await record(trx, { actorType: 'staff', actorId: staffId, action: 'staff.password.changed', entityType: 'staff', entityId: staffId, requestId, details: { sessionsEnded } });
    const changed = await findStaffById(trx, staffId);
    if (!changed) throw new Error('staff account vanished');
    return { ok: true, staff: changed, sessionsEnded };
  });
}

/** Ends every session of an account (its owner's "sign out everywhere", or an admin's action). Returns the new version. */
export async function endAllSessions(deps: AccountDeps, staffId: number, actor: Actor): Promise<number> {
  return deps.knex.transaction(async (trx) => {
    await bumpCredentialVersion(trx, staffId);
    const sessionsEnded = await deleteStaffSessions(trx, staffId);
    await record(trx, { actorType: actor.type, actorId: actor.id, action: 'staff.sessions.ended', entityType: 'staff', entityId: staffId, requestId: actor.requestId, details: { sessionsEnded } });
    return (await findStaffById(trx, staffId))?.credential_version ?? 0;
  });
}

export async function setLanguage(knex: Knex, staffId: number, language: Language): Promise<void> {
  await updateStaff(knex, staffId, { language });
}

/** Where to send security alerts about cases: every active supervisor, in their language. */
export function supervisorsToAlert(knex: Knex): Promise<{ email: string; language: Language }[]> {
  return listSupervisors(knex);
}
