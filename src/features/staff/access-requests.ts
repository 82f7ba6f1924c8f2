/**
 * Four-eyes control over access to personal data. An admin manages accounts but reads no one's personal data,
 * so an admin alone must not be able to give themselves that access: creating an account with a role that
 * reads personal data, or giving such a role to an existing account, is only a request until another admin
 * or a supervisor approves it (never the requester, never the account's owner). Set-up links for those roles
 * go only to the account's own e-mail address, never to the screen of the admin who asked.
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import { pathTo } from '../../http/paths.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { record } from '../audit/service.ts';
import { queueEmail } from '../notifications/service.ts';
import { changeRoleIn, insertNewStaff, resetCredentialsIn, SETUP_LINK_HOURS, type AccountDeps, type Actor } from './accounts.ts';
import { readsPersonalData, type StaffRole } from './permissions.ts';
import {
  emailTaken,
  findStaffById,
  insertAccessRequest,
  listApprovers,
  lockPendingRequest,
  pendingAccessRequests,
  pendingRequestFor,
  settleAccessRequest,
  type NewStaff,
  type PendingAccessRequest,
} from './repository.ts';

export type { PendingAccessRequest } from './repository.ts';

export interface AccessDeps extends AccountDeps {
  jobs: JobQueue;
  config: Pick<Config, 'publicUrl'>;
}

/** A staff member acting in the back office. */
export interface StaffActor extends Actor {
  type: 'staff';
  id: number;
}

export function setupLink(publicUrl: string, token: string): string {
  return `${publicUrl}${pathTo('staff.setup', { token })}`;
}

/** The set-up link, e-mailed to the account's own address in its language (in the caller's transaction). */
async function mailSetupLink(
  trx: Knex.Transaction,
  deps: AccessDeps,
  account: { email: string; language: NewStaff['language'] },
  token: string,
): Promise<void> {
  await queueEmail(trx, deps.jobs, {
    caseId: null,
    to: account.email,
    language: account.language,
    template: 'staff-setup-link',
    params: { link: setupLink(deps.config.publicUrl, token), count: String(SETUP_LINK_HOURS) },
  });
}

/** Files a request and tells everyone who could approve it (but the requester) that it is waiting. */
async function fileRequest(deps: AccessDeps, request: Parameters<typeof insertAccessRequest>[1], actor: StaffActor): Promise<number> {
  return deps.knex.transaction(async (trx) => {
    const id = await insertAccessRequest(trx, request);
    for (const approver of await listApprovers(trx)) {
      if (approver.id === actor.id || approver.id === request.staff_id) continue;
      await queueEmail(trx, deps.jobs, {
        caseId: null,
        to: approver.email,
        language: approver.language,
        template: 'staff-access-request',
        params: { link: `${deps.config.publicUrl}${pathTo('staff.users.requests')}` },
      });
    }
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'staff.access_request.created',
      entityType: 'staff_access_request',
      entityId: id,
      requestId: actor.requestId,
      details: { kind: request.kind, role: request.role, ...(request.staff_id ? { staffId: request.staff_id } : {}) },
    });
    return id;
  });
}

export type AddStaffResult =
  { kind: 'created'; id: number; token: string } | { kind: 'requested'; requestId: number } | { problem: 'emailTaken' | 'alreadyRequested' };

/** An admin adds a staff member: at once (the link is shown) for roles without personal data, else a request. */
export async function addStaff(deps: AccessDeps, staff: NewStaff, actor: StaffActor): Promise<AddStaffResult> {
  if (await emailTaken(deps.knex, staff.email)) return { problem: 'emailTaken' };
  if (await pendingRequestFor(deps.knex, { email: staff.email })) return { problem: 'alreadyRequested' };
  if (!readsPersonalData(staff.role)) {
    const created = await deps.knex.transaction((trx) => insertNewStaff(trx, staff, actor));
    return { kind: 'created', ...created };
  }
  const requestId = await fileRequest(
    deps,
    {
      kind: 'create',
      email: staff.email.trim(),
      display_name: staff.display_name,
      language: staff.language,
      staff_id: null,
      role: staff.role,
      requested_by: actor.id,
    },
    actor,
  );
  return { kind: 'requested', requestId };
}

export type RoleChangeResult = { kind: 'changed' } | { kind: 'requested'; requestId: number } | { problem: 'alreadyRequested' };

/** An admin changes someone's role: at once towards a role without personal data, else a request. */
export async function requestRoleChange(deps: AccessDeps, staffId: number, role: StaffRole, actor: StaffActor): Promise<RoleChangeResult> {
  const staff = await findStaffById(deps.knex, staffId);
  if (!staff || staff.role === role) return { kind: 'changed' };
  if (await pendingRequestFor(deps.knex, { staffId })) return { problem: 'alreadyRequested' };
  if (!readsPersonalData(role)) {
    await deps.knex.transaction((trx) => changeRoleIn(trx, staffId, role, actor));
    return { kind: 'changed' };
  }
  const requestId = await fileRequest(
    deps,
    { kind: 'role', email: null, display_name: null, language: null, staff_id: staffId, role, requested_by: actor.id },
    actor,
  );
  return { kind: 'requested', requestId };
}

export type ReissueResult = { kind: 'shown'; token: string } | { kind: 'mailed' };

/** A new set-up link: shown to the admin for roles without personal data, e-mailed to the account's owner otherwise. */
export async function reissueSetupLink(deps: AccessDeps, staffId: number, actor: StaffActor): Promise<ReissueResult | undefined> {
  return deps.knex.transaction(async (trx) => {
    const staff = await findStaffById(trx, staffId);
    if (!staff) return undefined;
    const token = await resetCredentialsIn(trx, staffId, actor);
    if (!readsPersonalData(staff.role)) return { kind: 'shown', token };
    await mailSetupLink(trx, deps, staff, token);
    return { kind: 'mailed' };
  });
}

export type Decision = 'approve' | 'refuse';
export type DecisionResult = { outcome: 'approved' | 'refused' } | { problem: 'notFound' | 'ownRequest' | 'ownAccount' | 'emailTaken' };

/**
 * Another admin or a supervisor decides a pending request. Approving a new account creates it and e-mails its
 * set-up link to the new address; approving a role change applies it (and ends the account's sessions).
 */
export async function decideAccessRequest(deps: AccessDeps, requestId: number, decision: Decision, actor: StaffActor): Promise<DecisionResult> {
  return deps.knex.transaction(async (trx): Promise<DecisionResult> => {
    const request = await lockPendingRequest(trx, requestId);
    if (!request) return { problem: 'notFound' };
    if (request.requested_by === actor.id) return { problem: 'ownRequest' };
    if (request.staff_id === actor.id) return { problem: 'ownAccount' };
    const details = { kind: request.kind, role: request.role, requestedBy: request.requested_by, ...(request.staff_id ? { staffId: request.staff_id } : {}) };
    if (decision === 'refuse') {
      await settleAccessRequest(trx, request.id, 'refused', actor.id);
      await record(trx, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'staff.access_request.refused',
        entityType: 'staff_access_request',
        entityId: request.id,
        requestId: actor.requestId,
        details,
      });
      return { outcome: 'refused' };
    }
    if (request.kind === 'create') {
      const email = request.email ?? '';
      if (await emailTaken(trx, email)) return { problem: 'emailTaken' };
      const account = { email, display_name: request.display_name ?? email, role: request.role, language: request.language ?? 'ky' } satisfies NewStaff;
      const created = await insertNewStaff(trx, account, { type: 'staff', id: request.requested_by, requestId: actor.requestId }, { approvedBy: actor.id });
      await mailSetupLink(trx, deps, account, created.token);
      await settleAccessRequest(trx, request.id, 'approved', actor.id);
      await record(trx, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'staff.access_request.approved',
        entityType: 'staff_access_request',
        entityId: request.id,
        requestId: actor.requestId,
        details: { ...details, staffId: created.id },
      });
      return { outcome: 'approved' };
    }
    await changeRoleIn(trx, request.staff_id ?? 0, request.role, { type: 'staff', id: request.requested_by, requestId: actor.requestId });
    await settleAccessRequest(trx, request.id, 'approved', actor.id);
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'staff.access_request.approved',
      entityType: 'staff_access_request',
      entityId: request.id,
      requestId: actor.requestId,
      details,
    });
    return { outcome: 'approved' };
  });
}

/** Requests waiting for a decision, oldest first, with the names an approver needs to judge them. */
export function waitingRequests(knex: Knex): Promise<PendingAccessRequest[]> {
  return pendingAccessRequests(knex);
}

/** The role a pending request would give this account, if one is waiting. */
export async function pendingRoleFor(knex: Knex, staffId: number): Promise<StaffRole | undefined> {
  return (await pendingRequestFor(knex, { staffId }))?.role;
}
