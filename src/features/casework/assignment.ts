/**
 * Giving cases to an officer (or to nobody). Supervisors assign any case; a case officer may only take an
 * unassigned case for themself. The new assignee is told by e-mail in their language — references only.
 */
import type { Knex } from 'knex';
import createHttpError from 'http-errors';
import { pathTo } from '../../http/paths.ts';
import { record } from '../audit/service.ts';
import { queueEmail } from '../notifications/service.ts';
import { assignCases, findCaseIdByReference, isActiveCaseworker, lockUnassigned } from './case-repository.ts';
import { insertEvent } from '../cases/service.ts';
import { staffContact, type StaffContact } from './messages-repository.ts';
import { notifyStaff } from './notify.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';

/** Several cases at once: one e-mail listing their references, sent at once (not merged per case). */
async function queueAssignedMany(deps: CaseworkDeps, trx: Knex.Transaction, assignee: StaffContact, references: string[]): Promise<void> {
  const link = `${deps.config.publicUrl}${pathTo('staff.cases.index')}?assignee=me`;
  const params = { count: String(references.length), cases: references.join('\n'), link };
  await queueEmail(trx, deps.jobs, { caseId: null, to: assignee.email, language: assignee.language, template: 'staff-assigned-many', params });
}

/** Refuses what this staff member may not do: assign others' cases, or give cases to someone who cannot take them. */
async function checkAssignment(trx: Knex.Transaction, caseIds: number[], assigneeId: number | null, actor: StaffActor): Promise<void> {
  if (actor.role !== 'supervisor') {
    const claimable = await lockUnassigned(trx, caseIds);
    if (assigneeId !== actor.id || claimable.length !== caseIds.length) throw createHttpError(403);
  }
  if (assigneeId !== null && !(await isActiveCaseworker(trx, assigneeId))) throw createHttpError(400);
}

export async function assign(deps: CaseworkDeps, caseIds: number[], assigneeId: number | null, actor: StaffActor): Promise<number> {
  return deps.knex.transaction(async (trx) => {
    await checkAssignment(trx, caseIds, assigneeId, actor);
    const updated = await assignCases(trx, caseIds, assigneeId);
    for (const row of updated) {
      const data = { assignee: assigneeId };
      await insertEvent(trx, {
        case_id: row.id,
        kind: 'assigned',
        from_status: null,
        to_status: null,
        visible_to_citizen: false,
        actor_type: 'staff',
        actor_id: String(actor.id),
        data,
      });
    }
    const assignee = assigneeId !== null && assigneeId !== actor.id ? await staffContact(trx, assigneeId) : undefined;
    const [only] = updated;
    if (assignee && only && updated.length === 1) await notifyStaff(deps, trx, only, [assignee], 'staff-assigned');
    if (assignee && updated.length > 1)
      await queueAssignedMany(
        deps,
        trx,
        assignee,
        updated.map((row) => row.reference),
      );
    if (updated.length > 0) {
      const references = updated.map((row) => row.reference);
      const details = { assignee: assigneeId, cases: references, notified: Boolean(assignee) };
      await record(trx, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'case.assigned',
        entityType: 'case',
        entityId: updated.length === 1 ? (references[0] ?? null) : null,
        requestId: actor.requestId,
        details,
      });
    }
    return updated.length;
  });
}

export async function assignByReference(deps: CaseworkDeps, reference: string, assigneeId: number | null, actor: StaffActor): Promise<void> {
  const caseId = await findCaseIdByReference(deps.knex, reference);
  if (caseId === undefined) throw createHttpError(404);
  await assign(deps, [caseId], assigneeId, actor);
}
