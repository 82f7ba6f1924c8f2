import type { Knex } from 'knex';

/**
 * Search synonyms, one list per language: content like the guidance (seeds/content/synonyms/<lang>.txt, loaded
 * by the content seed), read by every instance's in-memory search index and reloaded on content_changed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('search_synonyms', (table) => {
    table.string('lang', 2).primary();
    table.text('source').notNullable();
    table.string('source_checksum', 64).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table search_synonyms add constraint search_synonyms_lang_check check (lang in ('ky', 'ru', 'en'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('search_synonyms');
}
