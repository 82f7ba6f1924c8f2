/** Files staff attach to a message or a decision: checked like a citizen's, stored with the case under its quotas. */
import type { Knex } from 'knex';
import { prepareUploads, storeUploads, UploadQuotaExceeded, type FileProblem, type PreparedFile, type Upload } from '../attachments/service.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';

/** All accepted, or the problems; nothing is stored yet. */
export async function inspectStaffFiles(deps: CaseworkDeps, uploads: readonly Upload[]) {
  return prepareUploads(deps.attachments, uploads, { stripMetadata: false, room: deps.config.uploads.maxFiles });
}

/** Stores staff files with the case (its byte quota applies); throws UploadQuotaExceeded, rolling the change back. */
export async function saveStaffFiles(
  deps: CaseworkDeps,
  trx: Knex.Transaction,
  caseId: number,
  files: readonly PreparedFile[],
  owner: { messageId?: number; purpose: string },
  actor: StaffActor,
): Promise<string[]> {
  const context = { quotas: deps.config.uploads.quotas, clientKey: actor.clientKey ?? `staff:${String(actor.id)}` };
  const stored = await storeUploads(
    deps.attachments,
    trx,
    files,
    { caseId, draftToken: null, messageId: owner.messageId ?? null, uploadedBy: 'staff', purpose: owner.purpose },
    context,
  );
  return stored.map((row) => row.id);
}

/** Runs a change that stores staff files; a byte quota it would exceed comes back as a file problem. */
export async function withQuota<T>(change: () => Promise<T>): Promise<T | { ok: false; problem: 'files'; files: FileProblem[] }> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof UploadQuotaExceeded) return { ok: false, problem: 'files', files: [error.problem] };
    throw error;
  }
}
