import type { Knex } from 'knex';

/**
 * Guidance content (rights, topic guides, FAQ, campaigns) and its translations, with per-language full-text
 * search: russian and english stemming, simple tokens plus trigram similarity for Kyrgyz. Quiz questions are
 * data too, with anonymous aggregate answer counts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm');

  await knex.schema.createTable('content_items', (table) => {
    table.bigIncrements('id');
    table.string('kind', 16).notNullable();
    table.string('slug', 80).notNullable();
    table.string('topic', 32).notNullable();
    table.integer('sort_order').notNullable().defaultTo(0);
    table.specificType('related', 'text[]').notNullable().defaultTo('{}');
    table.string('status', 16).notNullable().defaultTo('published');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamps(true, true);
    table.unique(['kind', 'slug']);
  });
  await knex.raw(`alter table content_items add constraint content_items_kind_check check (kind in ('rights', 'guides', 'faq', 'campaigns'))`);
  await knex.raw(`alter table content_items add constraint content_items_status_check check (status in ('draft', 'published'))`);

  await knex.schema.createTable('content_translations', (table) => {
    table.bigIncrements('id');
    table.bigInteger('item_id').notNullable().references('content_items.id').onDelete('cascade');
    table.string('lang', 2).notNullable();
    table.text('title').notNullable();
    table.text('summary').notNullable();
    table.text('legal_basis').notNullable();
    table.date('last_reviewed').notNullable();
    table.text('body_markdown').notNullable();
    // Rendered once when saved and sanitised with an allow-list: the only HTML pages print unescaped.
    table.text('body_html').notNullable();
    table.text('body_text').notNullable();
    table.jsonb('extra').notNullable().defaultTo('{}');
    table.string('source_checksum', 64).notNullable();
    table.timestamps(true, true);
    table.unique(['item_id', 'lang']);
  });
  await knex.raw(`alter table content_translations add constraint content_translations_lang_check check (lang in ('ky', 'ru', 'en'))`);
  await knex.raw(`
    alter table content_translations add column search_vector tsvector generated always as (
      setweight(to_tsvector(case lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end, title), 'A') ||
      setweight(to_tsvector(case lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end, summary), 'B') ||
      setweight(to_tsvector(case lang when 'ru' then 'russian'::regconfig when 'en' then 'english'::regconfig else 'simple'::regconfig end, body_text), 'C')
    ) stored`);
  await knex.raw('create index content_translations_search on content_translations using gin (search_vector)');
  await knex.raw('create index content_translations_title_trgm on content_translations using gin (title gin_trgm_ops)');
  await knex.raw('create index content_translations_text_trgm on content_translations using gin (body_text gin_trgm_ops)');

  await knex.schema.createTable('quiz_questions', (table) => {
    table.string('id', 16).primary();
    table.integer('sort_order').notNullable();
    table.string('correct_option', 8).notNullable();
    table.string('article_kind', 16).notNullable();
    table.string('article_slug', 80).notNullable();
    // { question: {ky, ru, en}, options: [{id, text: {ky, ru, en}}], explanation: {ky, ru, en} }
    table.jsonb('texts').notNullable();
    table.string('source_checksum', 64).notNullable();
  });
  await knex.schema.createTable('quiz_answer_counts', (table) => {
    table.string('question_id', 16).notNullable().references('quiz_questions.id').onDelete('cascade');
    table.string('option_id', 8).notNullable();
    table.string('lang', 2).notNullable();
    table.bigInteger('answers').notNullable().defaultTo(0);
    table.primary(['question_id', 'option_id', 'lang']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('quiz_answer_counts');
  await knex.schema.dropTable('quiz_questions');
  await knex.schema.dropTable('content_translations');
  await knex.schema.dropTable('content_items');
}
