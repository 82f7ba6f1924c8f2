/** Staff accounts, recovery codes and their sessions. */
import type { Knex } from 'knex';
import { perTurn } from '../../db/per-turn.ts';
import type { Language } from '../../config.ts';
import { CASEWORKER_ROLES, type StaffRole } from './permissions.ts';

export interface StaffRow {
  id: number;
  email: string;
  display_name: string;
  role: StaffRole;
  language: Language;
  password_hash: string | null;
  password_changed_at: Date | null;
  totp_secret: Buffer | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
  failed_attempts: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  setup_expires_at: Date | null;
  last_login_at: Date | null;
  /** Moves on at every reset, disable and role change: a session made with an older number is worthless. */
  credential_version: number;
  created_at: Date;
}

export type NewStaff = Pick<StaffRow, 'email' | 'display_name' | 'role' | 'language'>;

export async function insertStaff(trx: Knex.Transaction, staff: NewStaff, setupTokenHash: string, setupExpiresAt: Date): Promise<number> {
  const [row] = await trx('staff_users')
    .insert({ ...staff, email: staff.email.toLowerCase(), setup_token_hash: setupTokenHash, setup_expires_at: setupExpiresAt })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('staff user not created');
  return row.id;
}

export async function findStaffById(knex: Knex, id: number): Promise<StaffRow | undefined> {
  return knex<StaffRow>('staff_users').where({ id }).first();
}

/**
 * Every back-office request reads its staff member's account afresh (a reset, a disabled account or a new role
 * takes effect at once): the accounts of one turn of the event loop are read in one statement (db/per-turn.ts).
 */
const signedInPerTurn = perTurn<number, StaffRow | undefined>(async (knex, ids) => {
  const rows = await knex<StaffRow>('staff_users').whereIn('id', [...ids]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((asked) => byId.get(asked));
});

export function findSignedInStaff(knex: Knex, id: number): Promise<StaffRow | undefined> {
  return signedInPerTurn(knex, id);
}

export async function findStaffByEmail(knex: Knex, email: string): Promise<StaffRow | undefined> {
  return knex<StaffRow>('staff_users').whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).first();
}

export async function emailTaken(knex: Knex, email: string): Promise<boolean> {
  return (await findStaffByEmail(knex, email)) !== undefined;
}

export async function listStaff(knex: Knex): Promise<StaffRow[]> {
  return knex<StaffRow>('staff_users').orderBy([{ column: 'disabled_at', order: 'desc', nulls: 'first' }, { column: 'display_name' }]);
}

/** Active users who can be given cases. */
export async function listCaseworkers(knex: Knex): Promise<Pick<StaffRow, 'id' | 'display_name' | 'role'>[]> {
  return knex('staff_users').select('id', 'display_name', 'role').whereIn('role', CASEWORKER_ROLES).whereNull('disabled_at').orderBy('display_name');
}

export async function findBySetupToken(trx: Knex.Transaction, tokenHash: string): Promise<StaffRow | undefined> {
  return trx<StaffRow>('staff_users')
    .where('setup_token_hash', tokenHash)
    .where('setup_expires_at', '>', trx.fn.now())
    .whereNull('disabled_at')
    .forUpdate()
    .first();
}

export async function updateStaff(knex: Knex, id: number, changes: Partial<Record<string, unknown>>): Promise<void> {
  await knex('staff_users')
    .where({ id })
    .update({ ...changes, updated_at: knex.fn.now() });
}

/** Counts a failure; locks the account for `lockMinutes` when it reaches `maxAttempts`. Returns whether it just locked. */
export async function countFailure(knex: Knex, id: number, maxAttempts: number, lockMinutes: number): Promise<boolean> {
  const result = await knex.raw<{ rows: { locked: boolean }[] }>(
    `update staff_users set
       failed_attempts = case when failed_attempts + 1 >= ? then 0 else failed_attempts + 1 end,
       locked_until = case when failed_attempts + 1 >= ? then now() + make_interval(mins => ?) else locked_until end,
       updated_at = now()
     where id = ? returning (failed_attempts = 0) as locked`,
    [maxAttempts, maxAttempts, lockMinutes, id],
  );
  return result.rows[0]?.locked ?? false;
}

/** Accepts a TOTP step only if it is later than the last one used (atomic: two requests cannot both win). */
export async function useTotpStep(knex: Knex, id: number, step: number): Promise<boolean> {
  const updated = await knex('staff_users')
    .where({ id })
    .andWhere((query) => {
      query.whereNull('totp_last_step').orWhere('totp_last_step', '<', step);
    })
    .update({ totp_last_step: step, updated_at: knex.fn.now() });
  return updated === 1;
}

export async function replaceRecoveryCodes(trx: Knex.Transaction, staffId: number, hashes: string[]): Promise<void> {
  await trx('staff_recovery_codes').where({ staff_id: staffId }).delete();
  await trx('staff_recovery_codes').insert(hashes.map((code_hash) => ({ staff_id: staffId, code_hash })));
}

export async function deleteRecoveryCodes(trx: Knex.Transaction, staffId: number): Promise<void> {
  await trx('staff_recovery_codes').where({ staff_id: staffId }).delete();
}

export async function useRecoveryCode(knex: Knex, staffId: number, hash: string): Promise<boolean> {
  const updated = await knex('staff_recovery_codes').where({ staff_id: staffId, code_hash: hash }).whereNull('used_at').update({ used_at: knex.fn.now() });
  return updated === 1;
}

export async function unusedRecoveryCodes(knex: Knex, staffId: number): Promise<number> {
  const row = await knex('staff_recovery_codes').where({ staff_id: staffId }).whereNull('used_at').count<{ count: number }[]>('* as count').first();
  return row?.count ?? 0;
}

/**
 * Ends every server-side session of this user (disable, role change, new credentials): signed-in ones, and
 * half-finished logins that have passed only the password step.
 */
export async function deleteStaffSessions(knex: Knex, staffId: number): Promise<number> {
  return knex('sessions')
    .whereRaw(`(sess -> 'staff' ->> 'id') = ?`, [String(staffId)])
    .orWhereRaw(`(sess -> 'staffPending' ->> 'id') = ?`, [String(staffId)])
    .delete();
}

/** Makes every session and half-finished login made with the current credentials worthless. */
export async function bumpCredentialVersion(knex: Knex, staffId: number): Promise<void> {
  await knex('staff_users').where({ id: staffId }).increment('credential_version', 1);
}

/** Someone who may approve access requests, and where to tell them. */
export interface Approver {
  id: number;
  email: string;
  language: Language;
}

/** Active, enrolled admins and supervisors: who can approve an access request (the caller leaves out the requester). */
export async function listApprovers(knex: Knex): Promise<Approver[]> {
  return knex('staff_users')
    .select('id', 'email', 'language')
    .whereIn('role', ['admin', 'supervisor'])
    .whereNull('disabled_at')
    .whereNotNull('totp_enrolled_at')
    .orderBy('id');
}

export interface AccessRequestRow {
  id: number;
  kind: 'create' | 'role';
  email: string | null;
  display_name: string | null;
  language: Language | null;
  staff_id: number | null;
  role: StaffRole;
  requested_by: number;
  requested_at: Date;
  outcome: 'approved' | 'refused' | null;
  decided_by: number | null;
  decided_at: Date | null;
}

/** A pending request with the names an approver needs to judge it. */
export interface PendingAccessRequest extends AccessRequestRow {
  requester_name: string;
  account_name: string | null;
  account_email: string | null;
  current_role: StaffRole | null;
}

export async function insertAccessRequest(
  trx: Knex.Transaction,
  request: Pick<AccessRequestRow, 'kind' | 'email' | 'display_name' | 'language' | 'staff_id' | 'role' | 'requested_by'>,
): Promise<number> {
  const [row] = await trx('staff_access_requests').insert(request).returning<{ id: number }[]>('id');
  if (!row) throw new Error('access request not stored');
  return row.id;
}

export async function pendingAccessRequests(knex: Knex): Promise<PendingAccessRequest[]> {
  return knex('staff_access_requests as r')
    .join('staff_users as requester', 'requester.id', 'r.requested_by')
    .leftJoin('staff_users as account', 'account.id', 'r.staff_id')
    .whereNull('r.outcome')
    .select(
      'r.*',
      'requester.display_name as requester_name',
      'account.display_name as account_name',
      'account.email as account_email',
      'account.role as current_role',
    )
    .orderBy('r.requested_at');
}

/** The pending request for this account or new address, if any. */
export async function pendingRequestFor(knex: Knex, target: { staffId: number } | { email: string }): Promise<AccessRequestRow | undefined> {
  const query = knex<AccessRequestRow>('staff_access_requests').whereNull('outcome');
  if ('staffId' in target) query.where({ kind: 'role', staff_id: target.staffId });
  else query.where({ kind: 'create' }).whereRaw('lower(email) = ?', [target.email.trim().toLowerCase()]);
  return query.first();
}

/** Locks a pending request for its decision; undefined when it does not exist or is already decided. */
export async function lockPendingRequest(trx: Knex.Transaction, id: number): Promise<AccessRequestRow | undefined> {
  return trx<AccessRequestRow>('staff_access_requests').where({ id }).whereNull('outcome').forUpdate().first();
}

export async function settleAccessRequest(trx: Knex.Transaction, id: number, outcome: 'approved' | 'refused', decidedBy: number): Promise<void> {
  await trx('staff_access_requests').where({ id }).update({ outcome, decided_by: decidedBy, decided_at: trx.fn.now() });
}

/** Active, enrolled supervisors: whom to alert when a case's sign-in is under attack. */
export async function listSupervisors(knex: Knex): Promise<Approver[]> {
  return knex('staff_users')
    .select('id', 'email', 'language')
    .where({ role: 'supervisor' })
    .whereNull('disabled_at')
    .whereNotNull('totp_enrolled_at')
    .orderBy('id');
}
