import type { Knex } from 'knex';

/**
 * Published decisions: one per case, the decision's text anonymised by a supervisor (draft), approved by a second
 * supervisor (published at /{lang}/decisions), or withdrawn. The text is stored only in its redacted form; the
 * summaries in the other two languages are written by staff. `search` serves the public search.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('published_decisions', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().unique().references('cases.id').onDelete('cascade');
    table.bigInteger('decision_id').notNullable().references('case_decisions.id').onDelete('cascade');
    table.string('status', 16).notNullable().defaultTo('draft');
    table.string('language', 2).notNullable();
    table.text('text').notNullable();
    table.text('summary_ky');
    table.text('summary_ru');
    table.text('summary_en');
    table.string('outcome', 16).notNullable();
    table.string('sector', 32);
    table.text('organisation_name').notNullable();
    table.date('decided_on').notNullable();
    table.bigInteger('prepared_by').references('staff_users.id').onDelete('set null');
    table.timestamp('prepared_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.bigInteger('approved_by').references('staff_users.id').onDelete('set null');
    table.timestamp('approved_at', { useTz: true });
    table.bigInteger('withdrawn_by').references('staff_users.id').onDelete('set null');
    table.timestamp('withdrawn_at', { useTz: true });
  });
  await knex.raw(`alter table published_decisions add constraint published_decisions_status_check check (status in ('draft', 'approved', 'withdrawn'))`);
  await knex.raw(`alter table published_decisions add constraint published_decisions_language_check check (language in ('ky', 'ru', 'en'))`);
  await knex.raw(
    `alter table published_decisions add constraint published_decisions_second_person check (status <> 'approved' or (approved_by is not null and approved_by <> prepared_by))`,
  );
  await knex.raw(`alter table published_decisions add column search tsvector generated always as (
    to_tsvector('simple', organisation_name || ' ' || text || ' ' || coalesce(summary_ky, '') || ' ' || coalesce(summary_ru, '') || ' ' || coalesce(summary_en, ''))
  ) stored`);
  await knex.raw('create index published_decisions_search on published_decisions using gin (search)');
  await knex.raw(`create index published_decisions_listed on published_decisions (decided_on desc, id desc) where status = 'approved'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('published_decisions');
}
