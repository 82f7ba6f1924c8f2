import type { Knex } from 'knex';

/**
 * Forms saved to finish later: the draft's answers encrypted (AES-256-GCM, the row id as additional data),
 * found by a keyed hash of the resume code, kept 30 days. The draft token names the draft's files, which stay
 * with the saved form (the abandoned-file sweep spares them) until it is resumed and sent, or expires.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('saved_drafts', (table) => {
    table.uuid('id').primary();
    table.string('journey', 16).notNullable();
    table.string('code_hash', 64).notNullable().unique();
    table.uuid('draft_token').notNullable().unique();
    table.string('language', 2).notNullable();
    table.binary('ciphertext').notNullable();
    table.binary('iv').notNullable();
    table.binary('auth_tag').notNullable();
    table.integer('key_version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['expires_at']);
  });
  await knex.raw(`alter table saved_drafts add constraint saved_drafts_journey_check check (journey in ('complaint', 'report', 'breach'))`);
  await knex.raw(`alter table saved_drafts add constraint saved_drafts_language_check check (language in ('ky', 'ru', 'en'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('saved_drafts');
}
