import type { Knex } from 'knex';

/**
 * Statistics: the published figures, computed once a day (one row per day, so two instances computing the same
 * day store it once), and covering indexes that let the dashboard's aggregates read an index alone at 1,000,000
 * cases: all cases by date received, the open ones, and complaints with the organisation named.
 */
const OPEN = `('submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decision_proposed', 'reopened', 'in_review', 'returned')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('statistics_snapshots', (table) => {
    table.bigIncrements('id');
    table.date('as_of').notNullable().unique();
    table.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.jsonb('data').notNullable();
  });
  await knex.raw(
    `create index cases_statistics on cases (received_at) include (type, status, sector, assignee_id, registration_due, answer_due, registered_at, decided_at, closed_at, decision)`,
  );
  await knex.raw(`create index cases_statistics_open on cases (received_at) include (type, status, assignee_id, answer_due) where status in ${OPEN}`);
  await knex.raw(`create index cases_statistics_complaints on cases (received_at) include (organisation_name) where type = 'complaint'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_statistics, cases_statistics_open, cases_statistics_complaints');
  await knex.schema.dropTable('statistics_snapshots');
}
