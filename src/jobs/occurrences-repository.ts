/**
 * The record of scheduled occurrences (table job_occurrences): which occurrence of which job was enqueued,
 * and whether it ran. Repository for src/jobs/queue.ts.
 */
import type { Knex } from 'knex';

/** Records an occurrence; true only for the one caller that recorded it first (the others find the row). */
export async function recordOccurrence(trx: Knex.Transaction, jobName: string, occurrence: Date): Promise<boolean> {
  const inserted = await trx('job_occurrences').insert({ job_name: jobName, occurrence }).onConflict(['job_name', 'occurrence']).ignore().returning('job_name');
  return inserted.length > 0;
}

/**
 * Marks an occurrence as run, inside the transaction that does its work. A second delivery of the same
 * occurrence waits on the row until that transaction ends, then finds it done (commit) or claims it (rollback).
 */
export async function claimOccurrence(trx: Knex.Transaction, jobName: string, occurrence: Date): Promise<boolean> {
  const claimed = await trx('job_occurrences')
    .where({ job_name: jobName, occurrence })
    .whereNull('completed_at')
    .update({ completed_at: trx.fn.now() })
    .returning('job_name');
  return claimed.length > 0;
}

/** Forgets occurrences older than the given number of days (the scheduled cleanup). */
export async function deleteOldOccurrences(knex: Knex, days: number): Promise<number> {
  return knex('job_occurrences')
    .where('occurrence', '<', knex.raw(`now() - make_interval(days => ?)`, [days]))
    .delete();
}
