import type { Knex } from 'knex';

/**
 * File bytes belong to their attachment: each blob names the attachment it stores (its main file or the
 * original an iPhone photo was converted from), and goes when the attachment goes (a cascading foreign key,
 * deferred so a blob may be written before its row inside one transaction). Blobs left behind by the old
 * "remove a draft file" are deleted here. Attachments may keep an original beside the file people open
 * (a HEIC photo converted to JPEG), and record whether hidden information was removed from a photo; their
 * content type has room for Office types.
 * `upload_usage` counts the bytes each client address stored per minute, for the hourly upload quota.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`delete from attachment_blobs b where not exists (select 1 from attachments a where a.storage_key = 'pg:' || b.id::text)`);
  await knex.schema.alterTable('attachment_blobs', (table) => {
    table.uuid('attachment_id');
  });
  await knex.raw(`update attachment_blobs b set attachment_id = a.id from attachments a where a.storage_key = 'pg:' || b.id::text`);
  await knex.raw('alter table attachment_blobs alter column attachment_id set not null');
  await knex.raw(
    'alter table attachment_blobs add constraint attachment_blobs_attachment_id_foreign foreign key (attachment_id) references attachments (id) on delete cascade deferrable initially deferred',
  );
  await knex.raw('create index attachment_blobs_attachment_id_index on attachment_blobs (attachment_id)');

  // Office content types are longer than 64 characters (…wordprocessingml.document is 71).
  await knex.raw('alter table attachments alter column content_type type varchar(128)');
  await knex.schema.alterTable('attachments', (table) => {
    table.string('original_file_name', 200);
    table.string('original_content_type', 128);
    table.integer('original_size_bytes');
    table.string('original_sha256', 64);
    table.string('original_storage_key', 100);
    table.boolean('metadata_removed').notNullable().defaultTo(false);
  });
  await knex.raw(`
    alter table attachments add constraint attachments_original_complete check (
      (original_storage_key is null and original_file_name is null and original_content_type is null and original_size_bytes is null and original_sha256 is null)
      or (original_storage_key is not null and original_file_name is not null and original_content_type is not null and original_size_bytes is not null and original_sha256 is not null)
    )`);

  await knex.schema.createTable('upload_usage', (table) => {
    // A keyed hash of the client address, never the address.
    table.string('client_key', 64).notNullable();
    table.timestamp('minute', { useTz: true }).notNullable();
    table.bigInteger('bytes').notNullable();
    table.primary(['client_key', 'minute']);
    table.index(['minute']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('upload_usage');
  await knex.raw('alter table attachments drop constraint attachments_original_complete');
  await knex.schema.alterTable('attachments', (table) => {
    for (const column of ['original_file_name', 'original_content_type', 'original_size_bytes', 'original_sha256', 'original_storage_key', 'metadata_removed'])
      table.dropColumn(column);
  });
  await knex.raw('alter table attachments alter column content_type type varchar(64)');
  await knex.schema.alterTable('attachment_blobs', (table) => {
    table.dropForeign(['attachment_id']);
    table.dropColumn('attachment_id');
  });
}
