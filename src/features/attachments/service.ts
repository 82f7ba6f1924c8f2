/**
 * Accepting evidence in two stages: `inspectUpload` checks a file by its content and scans it (nothing is
 * stored); `saveUpload` encrypts and stores an accepted file with its SHA-256 inside the caller's
 * transaction. Files are only ever served back as downloads to someone entitled (see the routes).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { checkFile, type AllowedType } from './file-check.ts';
import { insertAttachment, type AttachmentRow, type BlobStorage } from './repository.ts';
import type { ScanResult, Scanner } from './scanner.ts';

export interface Upload {
  originalname: string;
  buffer: Buffer;
}

export type UploadProblem = 'empty' | 'type' | 'infected' | 'tooLarge' | 'tooMany';

export interface AttachmentDeps {
  storage: BlobStorage;
  scanner: Scanner;
}

export interface Accepted {
  ok: true;
  bytes: Buffer;
  fileName: string;
  contentType: AllowedType;
  scan: Exclude<ScanResult, 'infected'>;
}

export type Inspection = Accepted | { ok: false; problem: UploadProblem; fileName: string };

export async function inspectUpload(deps: AttachmentDeps, upload: Upload): Promise<Inspection> {
  const verdict = await checkFile(upload.buffer, upload.originalname);
  if (!verdict.ok) return { ok: false, problem: verdict.reason, fileName: upload.originalname.slice(0, 100) };
  const scan = await deps.scanner.scan(upload.buffer);
  if (scan === 'infected') return { ok: false, problem: 'infected', fileName: verdict.fileName };
  return { ok: true, bytes: upload.buffer, fileName: verdict.fileName, contentType: verdict.contentType, scan };
}

export interface Owner {
  caseId: number | null;
  draftToken: string | null;
  messageId?: number | null;
  uploadedBy: AttachmentRow['uploaded_by'];
  purpose?: string;
}

export async function saveUpload(deps: AttachmentDeps, trx: Knex.Transaction, file: Accepted, owner: Owner): Promise<AttachmentRow> {
  const id = randomUUID();
  const storageKey = await deps.storage.put(trx, id, file.bytes);
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
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storage_key: storageKey,
    scan_status: file.scan,
  };
  await insertAttachment(trx, row);
  return { ...row, created_at: new Date() };
}

/** Inspects every upload; all accepted, or the problems. */
export async function inspectAll(deps: AttachmentDeps, uploads: readonly Upload[]): Promise<{ accepted: Accepted[]; problems: Extract<Inspection, { ok: false }>[] }> {
  const results = await Promise.all(uploads.map((upload) => inspectUpload(deps, upload)));
  return {
    accepted: results.filter((result): result is Accepted => result.ok),
    problems: results.filter((result): result is Extract<Inspection, { ok: false }> => !result.ok),
  };
}
