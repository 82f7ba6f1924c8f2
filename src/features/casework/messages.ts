/** A message to the citizen: a standard text in the case's language, the officer's own text, or both, with files. */
import { bishkekToday } from '../../lib/dates.ts';
import type { FileProblem, Upload } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { addMonths } from '../cases/deadlines.ts';
import { isOpenStatus } from '../cases/workflow.ts';
import { loadForChange } from './case-file.ts';
import { setReplyPending, updateCase } from './case-repository.ts';
import { insertEvent, insertMessage } from '../cases/service.ts';
import { notifyCitizen } from './notify.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';
import { inspectStaffFiles, saveStaffFiles, withQuota } from './staff-files.ts';
import { composeMessage, type MessageTemplate } from './templates.ts';

export async function sendStaffMessage(
  deps: CaseworkDeps,
  reference: string,
  template: MessageTemplate | undefined,
  body: string,
  actor: StaffActor,
  uploads: readonly Upload[] = [],
): Promise<{ ok: true } | { ok: false; files: FileProblem[] }> {
  const inspected = await inspectStaffFiles(deps, uploads);
  if (inspected.problems.length > 0) return { ok: false, files: inspected.problems };
  const files = inspected.accepted;
  const result = await withQuota(() =>
    deps.knex.transaction(async (trx) => {
      const found = await loadForChange(trx, reference, actor);
      const text = composeMessage(deps.translator, found.language, template, body, { reference: found.reference, answerDue: found.answer_due });
      const message = { case_id: found.id, direction: 'to_citizen' as const, author_staff_id: String(actor.id), body: text, ...(template ? { template } : {}) };
      const messageId = await insertMessage(trx, message);
      await saveStaffFiles(deps, trx, found.id, files, { messageId, purpose: 'message' }, actor);
      if (isOpenStatus(found.status)) await updateCase(trx, found.id, { progress_due: addMonths(bishkekToday(), 3) });
      if (found.reply_pending_at) await setReplyPending(trx, found.id, false);
      const data = { template: template ?? null, files: files.length };
      await insertEvent(trx, {
        case_id: found.id,
        kind: 'message_to_citizen',
        from_status: null,
        to_status: null,
        visible_to_citizen: true,
        actor_type: 'staff',
        actor_id: String(actor.id),
        data,
      });
      const notified = await notifyCitizen(deps, trx, found, 'case-message');
      await record(trx, {
        actorType: 'staff',
        actorId: actor.id,
        action: 'message.sent',
        entityType: 'case',
        entityId: found.reference,
        requestId: actor.requestId,
        details: { ...data, notified },
      });
      return { ok: true as const };
    }),
  );
  return 'files' in result ? { ok: false, files: result.files } : result;
}
