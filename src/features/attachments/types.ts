/** What other features may know of attachments: a stored file's row, and where file bytes live. */
import type { Knex } from 'knex';

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
  /** The file as it was sent, when people open a converted copy (a HEIC photo shown as JPEG). */
  original_file_name: string | null;
  original_content_type: string | null;
  original_size_bytes: number | null;
  original_sha256: string | null;
  original_storage_key: string | null;
  /** Hidden information (location, device, author) was removed from this photo. */
  metadata_removed: boolean;
  created_at: Date;
}

export type BlobVariant = 'file' | 'original';

/** Where file bytes live. PostgreSQL here; an object store could implement the same calls. */
export interface BlobStorage {
  /** Stores bytes for an attachment (its file, or the original it was converted from); returns the storage key. */
  put(trx: Knex.Transaction, attachmentId: string, bytes: Buffer, variant?: BlobVariant): Promise<string>;
  /** The bytes behind a storage key; `associatedData` is what `put` bound them to (see `blobBinding`). */
  get(knex: Knex, key: string, associatedData: string): Promise<Buffer>;
  /** Deletes bytes no attachment refers to any more; returns how many. */
  sweepOrphans(knex: Knex): Promise<number>;
}
