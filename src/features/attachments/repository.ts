/** Attachment metadata and their encrypted bytes (the PostgreSQL implementation of BlobStorage). */
import type { Knex } from 'knex';
import { open, seal, KEY_VERSION } from './crypto.ts';

export interface AttachmentRow {
  id: string;
  case_id: number | null;
  draft_token: string | null;
  message_id: number | null;
  uploaded_by: 'citizen' | 'staff' | 'organisation';
  purpose: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  scan_status: string;
  created_at: Date;
}

/** Where file bytes live. PostgreSQL here; an object store could implement the same three calls. */
export interface BlobStorage {
  put(trx: Knex.Transaction, id: string, bytes: Buffer): Promise<string>;
  get(knex: Knex, key: string, id: string): Promise<Buffer>;
}

export function postgresBlobStorage(key: Buffer): BlobStorage {
  return {
    async put(trx, id, bytes) {
      const sealed = seal(bytes, key, id);
      await trx('attachment_blobs').insert({ id, ciphertext: sealed.ciphertext, iv: sealed.iv, auth_tag: sealed.authTag, key_version: KEY_VERSION });
      return `pg:${id}`;
    },
    async get(knex, storageKey, id) {
      const row = await knex('attachment_blobs').where({ id: storageKey.replace(/^pg:/, '') }).first<{ ciphertext: Buffer; iv: Buffer; auth_tag: Buffer } | undefined>();
      if (!row) throw new Error('attachment bytes missing');
      return open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.auth_tag }, key, id);
    },
  };
}

export async function insertAttachment(trx: Knex.Transaction, row: Omit<AttachmentRow, 'created_at'>): Promise<void> {
  await trx('attachments').insert(row);
}

export async function draftAttachments(knex: Knex, draftToken: string): Promise<AttachmentRow[]> {
  return knex<AttachmentRow>('attachments').where({ draft_token: draftToken }).whereNull('case_id').orderBy('created_at');
}

export async function deleteDraftAttachment(knex: Knex, draftToken: string, id: string): Promise<number> {
  return knex('attachments').where({ draft_token: draftToken, id }).whereNull('case_id').delete();
}

export async function attachDraftToCase(trx: Knex.Transaction, draftToken: string, caseId: number): Promise<number> {
  return trx('attachments').where({ draft_token: draftToken }).whereNull('case_id').update({ case_id: caseId, draft_token: null });
}

export async function caseAttachments(knex: Knex, caseId: number): Promise<AttachmentRow[]> {
  return knex<AttachmentRow>('attachments').where({ case_id: caseId }).orderBy('created_at');
}

/** One file, only if it belongs to that case: the object-level check lives in the query. */
export async function caseAttachment(knex: Knex, caseId: number, id: string): Promise<AttachmentRow | undefined> {
  return knex<AttachmentRow>('attachments').where({ case_id: caseId, id }).first();
}

export async function deleteAbandonedDrafts(knex: Knex, olderThanHours: number): Promise<number> {
  const ids = await knex('attachments')
    .whereNull('case_id')
    .andWhere('created_at', '<', knex.raw('now() - make_interval(hours => ?)', [olderThanHours]))
    // Files of a form saved to finish later stay with it until it expires (features/intake/saved-drafts.ts).
    .whereNotExists(knex('saved_drafts').select(knex.raw('1')).whereRaw('saved_drafts.draft_token = attachments.draft_token'))
    .delete()
    .returning<{ storage_key: string }[]>('storage_key');
  if (ids.length > 0) await knex('attachment_blobs').whereIn('id', ids.map((row) => row.storage_key.replace(/^pg:/, ''))).delete();
  return ids.length;
}
