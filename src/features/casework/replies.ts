/** A citizen's reply as the back office sees it: a paused case resumes, and the staff responsible are told. */
import type { Knex } from 'knex';
import { record } from '../audit/service.ts';
import { replyTransition } from '../cases/workflow.ts';
import { findCaseFile, lockCase, setReplyPending, updateCase } from './case-repository.ts';
import { resumedClock } from './clock.ts';
import { insertEvent } from '../cases/service.ts';
import { notifyStaff, responsibleStaff, type NotifyDeps } from './notify.ts';

/**
 * A citizen wrote (a message and/or files), inside the transaction that stored it. A case waiting for
 * information goes back under examination with its clock restarted from today; the reply is flagged for
 * the officer (or the supervisors, while nobody is assigned), who are told by e-mail.
 */
export async function recordCitizenReply(deps: NotifyDeps, trx: Knex.Transaction, reference: string, requestId: string | null): Promise<{ resumed: boolean }> {
  const found = await findCaseFile(trx, reference);
  if (!found) throw new Error('case vanished');
  const locked = await lockCase(trx, found.id);
  const status = locked?.status ?? found.status;
  const transition = replyTransition(status);
  if (transition) {
    const clock = await resumedClock(trx, found);
    await updateCase(trx, found.id, { ...clock.changes, status: transition.to });
    const data = { transition: transition.id, trigger: 'citizen_reply', ...(clock.pausedDays ? { pausedDays: clock.pausedDays } : {}) };
    await insertEvent(trx, {
      case_id: found.id,
      kind: 'status_changed',
      from_status: status,
      to_status: transition.to,
      visible_to_citizen: true,
      actor_type: 'citizen',
      actor_id: null,
      data,
    });
    const details = { from: status, to: transition.to, ...data };
    await record(trx, {
      actorType: 'citizen',
      actorId: found.id,
      action: 'case.status.changed',
      entityType: 'case',
      entityId: found.reference,
      requestId,
      details,
    });
  }
  await setReplyPending(trx, found.id, true);
  await notifyStaff(
    deps,
    trx,
    found,
    await responsibleStaff(trx, locked?.assignee_id ?? found.assignee_id),
    transition ? 'staff-reply' : 'staff-citizen-message',
  );
  return { resumed: transition !== undefined };
}
