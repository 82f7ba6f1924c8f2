/** A message or evidence from the signed-in citizen: files checked and stored with it, or nothing stored at all. */
import { prepareUploads, storeUploads, UploadQuotaExceeded, type FileProblem, type Upload } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { recordCitizenReply } from '../casework/service.ts';
import type { CitizenDeps } from './citizen.ts';
import { findCaseById, insertEvent, insertMessage } from './repository.ts';
import { isOpenStatus } from './workflow.ts';

export type { FileProblem };

/** How a citizen's files are taken: whether photos lose hidden information (always on anonymous reports), and who sent them (quota key). */
export interface UploadChoice {
  stripMetadata: boolean;
  clientKey: string;
}

/**
 * A message from the citizen, with files; if any file is refused or a quota would be exceeded, nothing is
 * stored and the problems are returned.
 */
export async function sendCitizenMessage(
  deps: CitizenDeps,
  caseId: number,
  body: string,
  uploads: Upload[],
  requestId: string | null,
  choice: UploadChoice = { stripMetadata: true, clientKey: 'none' },
): Promise<{ ok: true } | { ok: false; problems: FileProblem[] }> {
  const found = await findCaseById(deps.knex, caseId);
  if (!found || !isOpenStatus(found.status)) return { ok: false, problems: [] };
  const { accepted, problems } = await prepareUploads(deps.attachments, uploads, {
    stripMetadata: choice.stripMetadata || found.anonymous,
    room: deps.config.uploads.maxFiles,
  });
  if (problems.length > 0) return { ok: false, problems };
  try {
    await deps.knex.transaction(async (trx) => {
      const messageId = body ? await insertMessage(trx, { case_id: caseId, direction: 'from_citizen', author_staff_id: null, body }) : null;
      await storeUploads(
        deps.attachments,
        trx,
        accepted,
        { caseId, draftToken: null, messageId, uploadedBy: 'citizen' },
        { quotas: deps.config.uploads.quotas, clientKey: choice.clientKey },
      );
      await insertEvent(trx, {
        case_id: caseId,
        kind: body ? 'message_from_citizen' : 'evidence_added',
        from_status: null,
        to_status: null,
        visible_to_citizen: true,
        actor_type: 'citizen',
        actor_id: null,
        data: { files: accepted.length },
      });
      await record(trx, {
        actorType: 'citizen',
        actorId: caseId,
        action: body ? 'message.sent' : 'attachment.uploaded',
        entityType: 'case',
        entityId: found.reference,
        requestId,
        details: { files: accepted.length },
      });
      // A reply moves the case: out of "awaiting information", flagged and e-mailed to its officer.
      await recordCitizenReply(deps, trx, found.reference, requestId);
    });
  } catch (error) {
    if (error instanceof UploadQuotaExceeded) return { ok: false, problems: [error.problem] };
    throw error;
  }
  return { ok: true };
}
