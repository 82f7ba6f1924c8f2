/**
 * Staff accounts: creation with a single-use set-up link, what admins change (role, disabled, a fresh set-up
 * link, sessions), the owner's language, and what the back office reads about accounts. Signing in is in
 * sign-in.ts. Every change goes on the audit trail — with ids, never e-mails.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { deriveKey } from '../../lib/sealing.ts';
import { record } from '../audit/service.ts';
import { hashPassword } from './passwords.ts';
import type { StaffRole } from './permissions.ts';
import {
  bumpCredentialVersion,
  deleteRecoveryCodes,
  deleteStaffSessions,
  emailTaken,
  findBySetupToken,
  findStaffById,
  findSignedInStaff,
  insertStaff,
  listCaseworkers,
  listStaff,
  listSupervisors,
  unusedRecoveryCodes,
  updateStaff,
  type NewStaff,
  type StaffRow,
} from './repository.ts';

export type { NewStaff, StaffRow } from './repository.ts';

export const SETUP_LINK_HOURS = 24;

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
export async function insertNewStaff(
  trx: Knex.Transaction,
  staff: NewStaff,
  actor: Actor,
  details: Record<string, string | number> = {},
): Promise<{ id: number; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = await insertStaff(trx, staff, sha256(token), new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000));
  await record(trx, {
    actorType: actor.type,
    actorId: actor.id,
    action: 'staff.created',
    entityType: 'staff',
    entityId: id,
    requestId: actor.requestId,
    details: { role: staff.role, ...details },
  });
  return { id, token };
}

/**
 * A new set-up link, within `trx`: the old password and second factor stop working, and every session ends.
 * Returns the new link's token.
 */
export async function resetCredentialsIn(trx: Knex.Transaction, staffId: number, actor: Actor): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await updateStaff(trx, staffId, {
    password_hash: null,
    totp_secret: null,
    totp_enrolled_at: null,
    totp_last_step: null,
    setup_token_hash: sha256(token),
    setup_expires_at: new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000),
    failed_attempts: 0,
    locked_until: null,
  });
  await deleteRecoveryCodes(trx, staffId);
  await bumpCredentialVersion(trx, staffId);
  await deleteStaffSessions(trx, staffId);
  await record(trx, {
    actorType: actor.type,
    actorId: actor.id,
    action: 'staff.credentials.reset',
    entityType: 'staff',
    entityId: staffId,
    requestId: actor.requestId,
  });
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

/** A new role, within `trx`; the account's sessions and half-finished logins end. */
export async function changeRoleIn(trx: Knex.Transaction, staffId: number, role: StaffRole, actor: Actor): Promise<void> {
  const staff = await findStaffById(trx, staffId);
  if (!staff || staff.role === role) return;
  await updateStaff(trx, staffId, { role });
  // Sessions are re-read on every request, but a role change still starts afresh (half-finished logins too).
  await bumpCredentialVersion(trx, staffId);
  await deleteStaffSessions(trx, staffId);
  await record(trx, {
    actorType: actor.type,
    actorId: actor.id,
    action: 'staff.role.changed',
    entityType: 'staff',
    entityId: staffId,
    requestId: actor.requestId,
    details: { from: staff.role, to: role },
  });
}

export async function setDisabled(deps: AccountDeps, staffId: number, disabled: boolean, actor: Actor): Promise<void> {
  await deps.knex.transaction(async (trx) => {
    await updateStaff(trx, staffId, { disabled_at: disabled ? trx.fn.now() : null, failed_attempts: 0, locked_until: null });
    if (disabled) await bumpCredentialVersion(trx, staffId);
    const ended = disabled ? await deleteStaffSessions(trx, staffId) : 0;
    await record(trx, {
      actorType: actor.type,
      actorId: actor.id,
      action: disabled ? 'staff.disabled' : 'staff.enabled',
      entityType: 'staff',
      entityId: staffId,
      requestId: actor.requestId,
      details: { sessionsEnded: ended },
    });
  });
}

/** Ends every session of an account (its owner's "sign out everywhere", or an admin's action). Returns the new version. */
export async function endAllSessions(deps: AccountDeps, staffId: number, actor: Actor): Promise<number> {
  return deps.knex.transaction(async (trx) => {
    await bumpCredentialVersion(trx, staffId);
    const sessionsEnded = await deleteStaffSessions(trx, staffId);
    await record(trx, {
      actorType: actor.type,
      actorId: actor.id,
      action: 'staff.sessions.ended',
      entityType: 'staff',
      entityId: staffId,
      requestId: actor.requestId,
      details: { sessionsEnded },
    });
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

/** An account, or undefined when there is none with this id. */
export function findAccount(knex: Knex, id: number): Promise<StaffRow | undefined> {
  return findStaffById(knex, id);
}

/** The account of a signed-in staff member, read for each of their requests (see findSignedInStaff). */
export function signedInAccount(knex: Knex, id: number): Promise<StaffRow | undefined> {
  return findSignedInStaff(knex, id);
}

/** Every account: active ones first, then by name. */
export function allAccounts(knex: Knex): Promise<StaffRow[]> {
  return listStaff(knex);
}

/** How many of an account's recovery codes are still unused. */
export function recoveryCodesLeft(knex: Knex, staffId: number): Promise<number> {
  return unusedRecoveryCodes(knex, staffId);
}

/** Active users who can be given cases. */
export function caseworkers(knex: Knex): Promise<Pick<StaffRow, 'id' | 'display_name' | 'role'>[]> {
  return listCaseworkers(knex);
}
