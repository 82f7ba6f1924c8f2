/** Fixed-window hit counters shared by every instance (used when RATE_LIMIT_STORE=postgres). */
import type { Knex } from 'knex';

export interface WindowHits {
  hits: number;
  resetsAt: Date;
}

/** Counts one hit in the key's current window, opening a new window when the last one has ended. */
export async function countHit(knex: Knex, key: string, windowMs: number): Promise<WindowHits> {
  const result = await knex.raw<{ rows: { hits: number; resets_at: Date }[] }>(
    `insert into rate_limits (key, hits, resets_at)
     values (:key, 1, now() + make_interval(secs => :seconds))
     on conflict (key) do update set
       hits = case when rate_limits.resets_at <= now() then 1 else rate_limits.hits + 1 end,
       resets_at = case when rate_limits.resets_at <= now() then excluded.resets_at else rate_limits.resets_at end
     returning hits, resets_at`,
    { key, seconds: windowMs / 1000 },
  );
  const [row] = result.rows;
  if (!row) throw new Error('rate limit upsert returned no row');
  return { hits: row.hits, resetsAt: row.resets_at };
}

export async function uncountHit(knex: Knex, key: string): Promise<void> {
  await knex('rate_limits').where({ key }).andWhere('hits', '>', 0).decrement('hits', 1);
}

export async function resetHits(knex: Knex, key: string): Promise<void> {
  await knex('rate_limits').where({ key }).delete();
}

export async function deleteEndedWindows(knex: Knex): Promise<number> {
  return knex('rate_limits').where('resets_at', '<', knex.fn.now()).delete();
}
