/** The published figures: the counts they are computed from, and the stored daily snapshot. */
import type { Knex } from 'knex';

/** Every case counted once: the month it was received (Bishkek), its type, sector and outcome, and the timeliness counts. */
export interface PublicRow {
  month: string;
  type: string;
  sector: string | null;
  outcome: string | null;
  received: number;
  registered: number;
  registered_on_time: number;
  answered: number;
  answered_on_time: number;
}

/** The counts of every case received up to `to` (inclusive), grouped for the public tables. */
export async function publicRows(knex: Knex, to: string): Promise<PublicRow[]> {
  const day = (column: string) => `(${column} at time zone 'Asia/Bishkek')::date`;
  const result = await knex.raw<{ rows: PublicRow[] }>(
    `select to_char(${day('received_at')}, 'YYYY-MM') as month, type, sector, decision as outcome, count(*)::int as received,
            count(registered_at)::int as registered,
            count(*) filter (where ${day('registered_at')} <= registration_due)::int as registered_on_time,
            count(coalesce(decided_at, closed_at))::int as answered,
            count(*) filter (where ${day('coalesce(decided_at, closed_at)')} <= answer_due)::int as answered_on_time
       from cases where received_at < (?::date + 1)::timestamp at time zone 'Asia/Bishkek'
       group by 1, 2, 3, 4`,
    [to],
  );
  return result.rows;
}

/** Days from receipt to decision of the cases decided, by the year they were received (for medians per year). */
export async function decisionDaysByYear(
  knex: Knex,
  to: string,
): Promise<{ year: string; decided: number; median_days: number | null; p90_days: number | null }[]> {
  const days = `extract(epoch from decided_at - received_at) / 86400`;
  const result = await knex.raw<{ rows: { year: string; decided: number; median_days: number | null; p90_days: number | null }[] }>(
    `select to_char(received_at at time zone 'Asia/Bishkek', 'YYYY') as year, count(*)::int as decided,
            percentile_cont(0.5) within group (order by ${days}) as median_days, percentile_cont(0.9) within group (order by ${days}) as p90_days
       from cases where decided_at is not null and received_at < (?::date + 1)::timestamp at time zone 'Asia/Bishkek' group by 1 order by 1`,
    [to],
  );
  return result.rows;
}

export interface SnapshotRow {
  as_of: string;
  computed_at: Date;
  data: unknown;
}

/** Stores the day's snapshot; a second computation of the same day (another instance) keeps the first. True when stored. */
export async function insertSnapshot(knex: Knex, asOf: string, data: unknown): Promise<boolean> {
  const inserted = await knex('statistics_snapshots')
    .insert({ as_of: asOf, data: JSON.stringify(data) })
    .onConflict('as_of')
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

export async function latestSnapshot(knex: Knex): Promise<SnapshotRow | undefined> {
  return knex('statistics_snapshots')
    .orderBy('as_of', 'desc')
    .first<SnapshotRow | undefined>(knex.raw(`to_char(as_of, 'YYYY-MM-DD') as as_of`), 'computed_at', 'data');
}

/** Older snapshots are not needed: the open data is always the latest. Keeps the last `keep` days. */
export async function deleteOldSnapshots(knex: Knex, keep: number): Promise<number> {
  return knex('statistics_snapshots').whereRaw(`as_of < (select max(as_of) from statistics_snapshots) - ?::int`, [keep]).delete();
}

export async function notifyChanged(knex: Knex, channel: string): Promise<void> {
  await knex.raw('select pg_notify(?, ?)', [channel, 'snapshot']);
}
