import type { Knex } from 'knex';

/**
 * The quiz's questions and the "What can I do?" guide's words become content the authority edits (kinds "quiz"
 * and "help"), seeded from seeds/content/{quiz,help}. The quiz_questions table, which held the questions as
 * reference data only a developer could change, goes; the anonymous answer totals stay, under the same ids.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table content_items drop constraint content_items_kind_check');
  await knex.raw(
    `alter table content_items add constraint content_items_kind_check check (kind in ('rights', 'guides', 'faq', 'campaigns', 'notices', 'letters', 'quiz', 'help'))`,
  );
  await knex.raw('alter table quiz_answer_counts drop constraint if exists quiz_answer_counts_question_id_foreign');
  await knex.schema.dropTable('quiz_questions');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('quiz_questions', (table) => {
    table.string('id', 16).primary();
    table.integer('sort_order').notNullable();
    table.string('correct_option', 8).notNullable();
    table.string('article_kind', 16).notNullable();
    table.string('article_slug', 80).notNullable();
    table.jsonb('texts').notNullable();
    table.string('source_checksum', 64).notNullable();
  });
  await knex('content_items').whereIn('kind', ['quiz', 'help']).delete();
  await knex.raw('alter table content_items drop constraint content_items_kind_check');
  await knex.raw(
    `alter table content_items add constraint content_items_kind_check check (kind in ('rights', 'guides', 'faq', 'campaigns', 'notices', 'letters'))`,
  );
}
