/**
 * Attachment metadata, their encrypted bytes (the PostgreSQL implementation of BlobStorage), and the
 * counters behind upload quotas. A blob belongs to its attachment (a cascading foreign key): deleting an
 * attachment row deletes its bytes in the same statement.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { open, seal, KEY_VERSION } from '../../lib/sealing.ts';
import type { AttachmentRow, BlobStorage, BlobVariant } from './types.ts';

/** What a blob's encryption is bound to: a blob copied onto another attachment, or swapped with the original, does not decrypt. */
export function blobBinding(attachmentId: string, variant: BlobVariant = 'file'): string {
  return variant === 'file' ? attachmentId : `${attachmentId}:original`;
}

export function postgresBlobStorage(key: Buffer): BlobStorage {
  return {
    async put(trx, attachmentId, bytes, variant = 'file') {
      // The main file's blob keeps the attachment's id (older rows rely on it); an original gets its own.
      const id = variant === 'file' ? attachmentId : randomUUID();
      const sealed = seal(bytes, key, blobBinding(attachmentId, variant));
      await trx('attachment_blobs').insert({
        id,
        attachment_id: attachmentId,
        ciphertext: sealed.ciphertext,
        iv: sealed.iv,
        auth_tag: sealed.authTag,
        key_version: KEY_VERSION,
      });
      return `pg:${id}`;
    },
    async get(knex, storageKey, associatedData) {
      const row = await knex('attachment_blobs')
        .where({ id: storageKey.replace(/^pg:/, '') })
        .first<{ ciphertext: Buffer; iv: Buffer; auth_tag: Buffer } | undefined>();
      if (!row) throw new Error('attachment bytes missing');
      return open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.auth_tag }, key, associatedData);
    },
    async sweepOrphans(knex) {
      // The foreign key makes orphans impossible today; this catches any a future path or a restore leaves.
      return knex('attachment_blobs')
        .whereNotExists(knex('attachments').select(knex.raw('1')).whereRaw('attachments.id = attachment_blobs.attachment_id'))
        .delete();
    },
  };
}

export async function insertAttachment(trx: Knex.Transaction, row: Omit<AttachmentRow, 'created_at'>): Promise<void> {
  await trx('attachments').insert(row);
}

export async function draftAttachments(knex: Knex, draftToken: string): Promise<AttachmentRow[]> {
  return knex<AttachmentRow>('attachments').where({ draft_token: draftToken }).whereNull('case_id').orderBy('created_at');
}

/** Removes a draft's file, its bytes with it. */
export async function deleteDraftAttachment(knex: Knex, draftToken: string, id: string): Promise<number> {
  return knex('attachments').where({ draft_token: draftToken, id }).whereNull('case_id').delete();
}

export async function deleteDraftAttachments(knex: Knex, draftToken: string): Promise<number> {
  return knex('attachments').where({ draft_token: draftToken }).whereNull('case_id').delete();
}

export async function deleteDraftAttachmentsFor(trx: Knex.Transaction, draftToken: string, purpose: string): Promise<number> {
  return trx('attachments').where({ draft_token: draftToken, purpose }).whereNull('case_id').delete();
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

/** Files of journeys left unfinished, with their bytes. */
export async function deleteAbandonedDrafts(knex: Knex, olderThanHours: number): Promise<number> {
  return (
    knex('attachments')
      .whereNull('case_id')
      .andWhere('created_at', '<', knex.raw('now() - make_interval(hours => ?)', [olderThanHours]))
      // Files of a form saved to finish later stay with it until it expires (features/intake/saved-drafts.ts).
      .whereNotExists(knex('saved_drafts').select(knex.raw('1')).whereRaw('saved_drafts.draft_token = attachments.draft_token'))
      .delete()
  );
}

/** Serialises uploads to one draft, case or client address until the transaction ends. */
export async function lockUploadScope(trx: Knex.Transaction, scope: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`uploads:${scope}`]);
}

const STORED_BYTES = 'coalesce(sum(size_bytes + coalesce(original_size_bytes, 0)), 0)::bigint as bytes';

/** Bytes stored for a draft (files and originals). */
export async function draftBytes(trx: Knex.Transaction, draftToken: string): Promise<number> {
  const row = await trx('attachments').where({ draft_token: draftToken }).whereNull('case_id').select(trx.raw(STORED_BYTES)).first<{ bytes: string }>();
  return Number(row.bytes);
}

export async function caseBytes(trx: Knex.Transaction, caseId: number): Promise<number> {
  const row = await trx('attachments').where({ case_id: caseId }).select(trx.raw(STORED_BYTES)).first<{ bytes: string }>();
  return Number(row.bytes);
}

/** Bytes a client address stored in the last hour (removed files included: removing does not give the quota back). */
export async function addressBytesLastHour(trx: Knex.Transaction, clientKey: string): Promise<number> {
  const row = await trx('upload_usage')
    .where({ client_key: clientKey })
    .andWhere('minute', '>', trx.raw("now() - interval '1 hour'"))
    .sum({ bytes: 'bytes' })
    .first<{ bytes: string | null }>();
  return Number(row.bytes ?? 0);
}

export async function addAddressBytes(trx: Knex.Transaction, clientKey: string, bytes: number): Promise<void> {
  await trx.raw(
    `insert into upload_usage (client_key, minute, bytes) values (?, date_trunc('minute', now()), ?)
     on conflict (client_key, minute) do update set bytes = upload_usage.bytes + excluded.bytes`,
    [clientKey, bytes],
  );
}

export async function deleteOldUploadUsage(knex: Knex): Promise<number> {
  return knex('upload_usage').where('minute', '<', knex.raw("now() - interval '1 hour'")).delete();
}
