/**
 * Accepting evidence in two stages. `prepareUploads` checks each received file by its content, scans it and
 * makes what will be kept: a photo without its hidden information when asked (always in anonymous reports),
 * a HEIC photo as a JPEG (with the original beside it, unless hidden information is removed — HEIC cannot be
 * cleaned, only converted); nothing is stored. `storeUploads` then checks the byte quotas (per draft, per
 * case, per client address and hour) and encrypts and stores every file inside the caller's transaction —
 * all of them or, when a quota would be exceeded, none. Files are only ever served back as downloads to
 * someone entitled (see the routes).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { UploadConfig } from '../../config.ts';
import {
  addAddressBytes,
  addressBytesLastHour,
  blobBinding,
  caseBytes,
  deleteAbandonedDrafts,
  draftBytes,
  insertAttachment,
  lockUploadScope,
} from './repository.ts';
import type { AttachmentRow, BlobStorage } from './types.ts';

export type { AttachmentRow, BlobStorage } from './types.ts';
/** A draft's and a case's files, as other features (intake, casework, the case space) reach them. */
export {
  attachDraftToCase,
  caseAttachment,
  caseAttachments,
  deleteDraftAttachment,
  deleteDraftAttachments,
  deleteDraftAttachmentsFor,
  draftAttachments,
} from './repository.ts';

import type { AttachmentDeps, Content, FileProblem, PreparedFile } from './prepare.ts';

export { prepareUploads, type AttachmentDeps, type FileProblem, type PreparedFile, type Upload, type UploadProblem } from './prepare.ts';

export interface Owner {
  caseId: number | null;
  draftToken: string | null;
  messageId?: number | null;
  uploadedBy: AttachmentRow['uploaded_by'];
  purpose?: string;
}

export interface QuotaContext {
  quotas: UploadConfig['quotas'];
  /** A keyed hash of the client address (http/uploads.ts). */
  clientKey: string;
}

function storedBytes(file: PreparedFile): number {
  return file.bytes.length + (file.original?.bytes.length ?? 0);
}

async function quotaProblem(trx: Knex.Transaction, files: readonly PreparedFile[], owner: Owner, context: QuotaContext): Promise<FileProblem | undefined> {
  const scope =
    owner.caseId !== null
      ? { key: `case:${owner.caseId}`, problem: 'quotaCase' as const, limit: context.quotas.caseBytes }
      : { key: `draft:${owner.draftToken ?? ''}`, problem: 'quotaDraft' as const, limit: context.quotas.draftBytes };
  await lockUploadScope(trx, scope.key);
  await lockUploadScope(trx, `address:${context.clientKey}`);
  let owned = owner.caseId !== null ? await caseBytes(trx, owner.caseId) : await draftBytes(trx, owner.draftToken ?? '');
  let recent = await addressBytesLastHour(trx, context.clientKey);
  for (const file of files) {
    owned += storedBytes(file);
    recent += storedBytes(file);
    if (owned > scope.limit) return { problem: scope.problem, fileName: file.fileName };
    if (recent > context.quotas.addressBytesPerHour) return { problem: 'quotaAddress', fileName: file.fileName };
  }
  return undefined;
}

async function saveUpload(deps: AttachmentDeps, trx: Knex.Transaction, file: PreparedFile, owner: Owner): Promise<AttachmentRow> {
  const id = randomUUID();
  const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
  const row: Omit<AttachmentRow, 'created_at'> = {
    id,
    case_id: owner.caseId,
    draft_token: owner.draftToken,
    message_id: owner.messageId ?? null,
    uploaded_by: owner.uploadedBy,
    purpose: owner.purpose ?? 'evidence',
    file_name: file.fileName,
    content_type: file.contentType,
    size_bytes: file.bytes.length,
    sha256: sha256(file.bytes),
    storage_key: await deps.storage.put(trx, id, file.bytes),
    scan_status: file.scan,
    original_file_name: file.original?.fileName ?? null,
    original_content_type: file.original?.contentType ?? null,
    original_size_bytes: file.original?.bytes.length ?? null,
    original_sha256: file.original ? sha256(file.original.bytes) : null,
    original_storage_key: file.original ? await deps.storage.put(trx, id, file.original.bytes, 'original') : null,
    metadata_removed: file.metadataRemoved,
  };
  await insertAttachment(trx, row);
  return { ...row, created_at: new Date() };
}

/** Thrown by storeUploads when a quota would be exceeded: the caller's transaction rolls back, nothing is half-stored. */
export class UploadQuotaExceeded extends Error {
  readonly problem: FileProblem;
  constructor(problem: FileProblem) {
    super('upload quota exceeded');
    this.problem = problem;
  }
}

/**
 * Stores prepared files for a draft or a case inside the caller's transaction, after checking the byte
 * quotas; throws UploadQuotaExceeded naming the first file that would exceed one.
 */
export async function storeUploads(
  deps: AttachmentDeps,
  trx: Knex.Transaction,
  files: readonly PreparedFile[],
  owner: Owner,
  context: QuotaContext,
): Promise<AttachmentRow[]> {
  if (files.length === 0) return [];
  const problem = await quotaProblem(trx, files, owner, context);
  if (problem) throw new UploadQuotaExceeded(problem);
  const stored: AttachmentRow[] = [];
  for (const file of files) stored.push(await saveUpload(deps, trx, file, owner));
  await addAddressBytes(
    trx,
    context.clientKey,
    files.reduce((sum, file) => sum + storedBytes(file), 0),
  );
  return stored;
}

/**
 * Stores a file the portal made itself (a decision's PDF) with a case: nobody uploaded it, so no check, scan or
 * quota applies.
 */
export async function storeGeneratedFile(deps: AttachmentDeps, trx: Knex.Transaction, file: Content, owner: Owner): Promise<AttachmentRow> {
  return saveUpload(deps, trx, { ...file, scan: 'skipped', metadataRemoved: false }, owner);
}

/** The bytes of a stored file, or of the original it was converted from. */
export async function readAttachment(
  storage: BlobStorage,
  knex: Knex,
  file: AttachmentRow,
  variant: 'file' | 'original' = 'file',
): Promise<{ bytes: Buffer; fileName: string; contentType: string } | undefined> {
  if (variant === 'file')
    return { bytes: await storage.get(knex, file.storage_key, blobBinding(file.id)), fileName: file.file_name, contentType: file.content_type };
  if (!file.original_storage_key || !file.original_file_name || !file.original_content_type) return undefined;
  return {
    bytes: await storage.get(knex, file.original_storage_key, blobBinding(file.id, 'original')),
    fileName: file.original_file_name,
    contentType: file.original_content_type,
  };
}

/**
 * The daily sweep: files of journeys abandoned for a day, bytes no attachment refers to, and temporary
 * upload files a stopped process left behind (they are encrypted with a key that died with it).
 */
export async function sweepUploads(
  knex: Knex,
  storage: BlobStorage,
  tmpDir: string,
  now = Date.now(),
): Promise<{ drafts: number; orphans: number; temporary: number }> {
  const drafts = await deleteAbandonedDrafts(knex, 24);
  const orphans = await storage.sweepOrphans(knex);
  let temporary = 0;
  const entries = await readdir(tmpDir).catch(() => [] as string[]);
  for (const entry of entries) {
    const full = path.join(tmpDir, entry);
    const info = await stat(full).catch(() => undefined);
    // A request lasts minutes at most: anything older than an hour belongs to no request.
    if (info && now - info.mtimeMs > 60 * 60 * 1000) {
      await rm(full, { recursive: true, force: true });
      temporary++;
    }
  }
  return { drafts, orphans, temporary };
}
