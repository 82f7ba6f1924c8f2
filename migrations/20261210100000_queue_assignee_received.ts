import type { Knex } from 'knex';

/**
 * One officer's cases newest first (the queue filtered by assignee, sorted by received date), in the queue's
 * keyset order. Without it PostgreSQL combined the officer's ~25,000 entries in cases_assignee_deadline with a
 * received-date range: 3.4 ms for the 1,000th page of an officer's open cases at a million cases, p95 71–79 ms
 * at 10 concurrent staff; with it 0.5 ms and p95 31 ms (`npm run bench:queue`, BENCH_QUEUE_EXPLAIN=1).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index cases_assignee_received on cases (assignee_id, received_at, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_assignee_received');
}
