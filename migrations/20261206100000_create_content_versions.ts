import type { Knex } from 'knex';

/**
 * Content the authority edits: every version of every translation is kept (the seed's and the editors'),
 * with its workflow status, its author and reviewer, and the versions of the other languages it was made
 * from. content_translations stays the published projection the public pages read; `outdated` marks a
 * published translation whose source language has changed since.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('content_versions', (table) => {
    table.bigIncrements('id');
    table.bigInteger('item_id').notNullable().references('content_items.id').onDelete('cascade');
    table.string('lang', 2).notNullable();
    table.integer('number').notNullable();
    table.string('status', 16).notNullable();
    table.string('origin', 8).notNullable();
    table.string('change_kind', 16).notNullable();
    // The published version number of each other language when this one was made: { "ru": 3, "en": 2 }.
    table.jsonb('based_on').notNullable().defaultTo('{}');
    table.text('title').notNullable();
    table.text('summary').notNullable();
    table.text('legal_basis').notNullable();
    table.date('last_reviewed').notNullable();
    table.text('body_markdown').notNullable();
    table.specificType('related', 'text[]').notNullable().defaultTo('{}');
    table.jsonb('extra').notNullable().defaultTo('{}');
    // The seed file's checksum for versions loaded from seeds/content.
    table.string('source_checksum', 64);
    table.bigInteger('author_id').references('staff_users.id');
    table.bigInteger('reviewer_id').references('staff_users.id');
    table.timestamp('publish_at', { useTz: true });
    table.timestamp('published_at', { useTz: true });
    table.timestamps(true, true);
    table.unique(['item_id', 'lang', 'number']);
    table.index(['status', 'publish_at']);
  });
  await knex.raw(`alter table content_versions add constraint content_versions_lang_check check (lang in ('ky', 'ru', 'en'))`);
  await knex.raw(
    `alter table content_versions add constraint content_versions_status_check check (status in ('draft', 'in_review', 'scheduled', 'published', 'archived'))`,
  );
  await knex.raw(`alter table content_versions add constraint content_versions_origin_check check (origin in ('seed', 'editor'))`);
  await knex.raw(
    `alter table content_versions add constraint content_versions_change_kind_check check (change_kind in ('seed', 'change', 'translation', 'minor'))`,
  );
  // At most one published version per translation.
  await knex.raw(`create unique index content_versions_one_published on content_versions (item_id, lang) where status = 'published'`);

  await knex.schema.alterTable('content_translations', (table) => {
    table.boolean('outdated').notNullable().defaultTo(false);
    table.integer('version_number').notNullable().defaultTo(1);
  });

  // What is published today becomes version 1 of each translation, as if loaded by the seed.
  await knex.raw(`
    insert into content_versions (item_id, lang, number, status, origin, change_kind, title, summary, legal_basis, last_reviewed,
      body_markdown, related, extra, source_checksum, published_at)
    select t.item_id, t.lang, 1, 'published', 'seed', 'seed', t.title, t.summary, t.legal_basis, t.last_reviewed,
      t.body_markdown, i.related, t.extra, t.source_checksum, t.updated_at
    from content_translations t join content_items i on i.id = t.item_id`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('content_translations', (table) => {
    table.dropColumn('outdated');
    table.dropColumn('version_number');
  });
  await knex.schema.dropTable('content_versions');
}
