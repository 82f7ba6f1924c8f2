import type { Knex } from 'knex';

/**
 * A short received-date range sorted by deadline (a month's cases, earliest deadline first), read a day at a time:
 * each Bishkek day's cases in deadline order, so each day gives its first page's worth from the index and only
 * those are merged (casework/queue-repository.ts, `pageIdsByDay`). Without it the range was read whole from
 * cases_received_covering and sorted: 29,000 entries for a month at a million cases, 11–13 ms, and p95 40–52 ms
 * at 10 concurrent staff; with it 806 entries and 1.5–3 ms (`npm run bench:queue`, BENCH_QUEUE_EXPLAIN=1).
 * `status` is kept beside the entries for the status scope.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index cases_received_day_deadline on cases (((received_at at time zone 'Asia/Bishkek')::date), answer_due, id) include (status)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_received_day_deadline');
}
