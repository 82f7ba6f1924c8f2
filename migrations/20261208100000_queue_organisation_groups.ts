import type { Knex } from 'knex';

/**
 * The staff queue grouped by organisation (issue 15) counts every filtered case per organisation: this index holds
 * what it reads — the status it is filtered by first, the organisation's id and name as typed, the answer date and
 * type that make a case overdue, and the sector and assignee most often filtered by — so the count is read from
 * the index alone, for "open" (a range of statuses) or every status (the whole index). Measured with 1,000,000
 * cases (`npm run seed:volume`): open cases grouped in about 60 ms (300 ms reading the table), by sector or
 * assignee about 20 ms (130 ms), every status about 330 ms (1 s); the list's own plans and times are unchanged.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index cases_status_organisation on cases (status, organisation_id, organisation_name) include (answer_due, type, sector, assignee_id)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_status_organisation');
}
