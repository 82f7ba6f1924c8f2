/**
 * A draft's files (the evidence step and single-file questions): listed, removed, discarded, and stored from a
 * form all or none. They belong to the draft's token until the case is sent.
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import type { ReceivedFile } from '../../http/uploads.ts';
import type { FormErrors } from '../../http/validation.ts';
import { fileProblemErrors, presentFile, type FileView } from '../attachments/present.ts';
import { deleteDraftAttachment, deleteDraftAttachments, deleteDraftAttachmentsFor, draftAttachments } from '../attachments/service.ts';
import { prepareUploads, storeUploads, UploadQuotaExceeded, type AttachmentDeps } from '../attachments/service.ts';

export interface DraftFileDeps {
  knex: Knex;
  attachments: AttachmentDeps;
  uploads: Config['uploads'];
}

/** A draft's file as pages list it, with what it was sent for ('evidence', or a question's purpose). */
export type DraftFile = FileView & { purpose: string };

export async function draftFiles(knex: Knex, draftToken: string): Promise<DraftFile[]> {
  return (await draftAttachments(knex, draftToken)).map((row) => ({ ...presentFile(row), purpose: row.purpose }));
}

export async function removeDraftFile(knex: Knex, draftToken: string, id: string): Promise<void> {
  await deleteDraftAttachment(knex, draftToken, id);
}

/** Starting again discards the draft's files, bytes and all, not only the answers. */
export async function discardDraftFiles(knex: Knex, draftToken: string): Promise<void> {
  await deleteDraftAttachments(knex, draftToken);
}

interface PostedFiles {
  draftToken: string;
  received: readonly ReceivedFile[];
  /** The form field (errors name it) and what the files are for. */
  field: string;
  purpose: string;
  /** How many files of this purpose the draft may hold. */
  limit: number;
  /** A single-file question: the new file replaces the earlier one, in the same transaction. */
  replace: boolean;
  stripMetadata: boolean;
  clientKey: string;
  uploadedBy: 'citizen' | 'organisation';
}

/** Stores the files posted in one field: all of them, or none with a message per refused file. */
export async function storeDraftFiles(deps: DraftFileDeps, posted: PostedFiles): Promise<FormErrors | undefined> {
  if (posted.received.length === 0) return undefined;
  const existing = posted.replace ? 0 : (await draftAttachments(deps.knex, posted.draftToken)).filter((file) => file.purpose === posted.purpose).length;
  const { accepted, problems } = await prepareUploads(deps.attachments, posted.received, {
    stripMetadata: posted.stripMetadata,
    room: posted.limit - existing,
  });
  const limits = { maxFiles: posted.limit, maxFileBytes: deps.uploads.maxFileBytes, quotas: deps.uploads.quotas };
  if (problems.length > 0) return fileProblemErrors(posted.field, problems, limits);
  const owner = { caseId: null, draftToken: posted.draftToken, uploadedBy: posted.uploadedBy, purpose: posted.purpose };
  try {
    await deps.knex.transaction(async (trx) => {
      if (posted.replace) await deleteDraftAttachmentsFor(trx, posted.draftToken, posted.purpose);
      await storeUploads(deps.attachments, trx, accepted, owner, { quotas: deps.uploads.quotas, clientKey: posted.clientKey });
    });
  } catch (error) {
    if (error instanceof UploadQuotaExceeded) return fileProblemErrors(posted.field, [error.problem], limits);
    throw error;
  }
  return undefined;
}

/**
 * A file the portal made itself (a request letter's PDF) stored with a draft: no checks on content it wrote,
 * the draft's quota still applies (the per-address one is counted per draft, the portal being the sender).
 */
export async function storeServerFile(
  deps: DraftFileDeps,
  draftToken: string,
  file: { fileName: string; contentType: string; bytes: Buffer; purpose: string },
): Promise<void> {
  const prepared = { fileName: file.fileName, contentType: file.contentType, bytes: file.bytes, scan: 'skipped' as const, metadataRemoved: false };
  const owner = { caseId: null, draftToken, uploadedBy: 'citizen' as const, purpose: file.purpose };
  await deps.knex.transaction(async (trx) => {
    await deleteDraftAttachmentsFor(trx, draftToken, file.purpose);
    await storeUploads(deps.attachments, trx, [prepared], owner, { quotas: deps.uploads.quotas, clientKey: `portal:${draftToken}` });
  });
}
