import type { Knex } from 'knex';

/**
 * The staff queue at a million cases, for every filter and both sorts (issue 19): indexes whose order is the
 * queue's keyset order, so that a page — the first or the 1,000th — reads about as many index entries as it
 * shows. The queue finds a page's ids first (queue-repository.ts), so an index that also holds the columns a
 * filter tests answers without reading the table. Measured with `npm run bench:queue` (BENCH_QUEUE_EXPLAIN=1
 * prints each combination's plan).
 */
const OPEN = `'submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decision_proposed', 'reopened'`;

export async function up(knex: Knex): Promise<void> {
  // "All statuses" by deadline: the per-status and open-only indexes cannot give this order.
  await knex.raw('create index cases_deadline on cases (answer_due, id)');
  // Unassigned cases: PostgreSQL takes no order from `assignee_id is null` in cases_assignee_deadline.
  await knex.raw('create index cases_unassigned_deadline on cases (answer_due, id) where assignee_id is null');
  await knex.raw('create index cases_unassigned_received on cases (received_at, id) where assignee_id is null');
  // Open cases newest first, and the overdue / due soon ones among them, tested on the index alone.
  await knex.raw(`create index cases_open_received on cases (received_at, id) include (answer_due, type, status) where status in (${OPEN})`);
  // A received-date range sorted by deadline is read from the index alone, with the status it is filtered by;
  // it replaces cases_received (same key).
  await knex.raw('create index cases_received_covering on cases (received_at, id) include (answer_due, status)');
  await knex.raw('drop index cases_received');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index cases_received on cases (received_at, id)');
  await knex.raw('drop index cases_deadline, cases_unassigned_deadline, cases_unassigned_received, cases_open_received, cases_received_covering');
}
