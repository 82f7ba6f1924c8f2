/** The published figures: the stored daily snapshot (computed from the rollups of rollup-repository.ts). */
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
