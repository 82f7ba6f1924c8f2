/** Checkpoints of the audit chain: its length and head at a moment, for later verification and publication. */
import type { Knex } from 'knex';

export interface Checkpoint {
  id: number;
  createdAt: Date;
  eventCount: number;
  headId: number | null;
  headHash: string;
}

interface CheckpointRow {
  id: number;
  created_at: Date;
  event_count: number;
  head_id: number | null;
  head_hash: string;
}

function checkpointFromRow(row: CheckpointRow): Checkpoint {
  return { id: row.id, createdAt: row.created_at, eventCount: row.event_count, headId: row.head_id, headHash: row.head_hash };
}

export async function chainHead(trx: Knex.Transaction): Promise<{ count: number; headId: number | null; headHash: string | null }> {
  const result = await trx.raw<{ rows: { count: number; head_id: number | null; head_hash: string | null }[] }>(
    `select (select count(*) from audit_events) as count,
            (select id from audit_events order by id desc limit 1) as head_id,
            (select hash from audit_events order by id desc limit 1) as head_hash`,
  );
  const [row] = result.rows;
  return { count: row?.count ?? 0, headId: row?.head_id ?? null, headHash: row?.head_hash ?? null };
}

export async function insertCheckpoint(trx: Knex.Transaction, checkpoint: Omit<Checkpoint, 'id' | 'createdAt'>): Promise<Checkpoint> {
  const [row] = await trx('audit_checkpoints')
    .insert({ event_count: checkpoint.eventCount, head_id: checkpoint.headId, head_hash: checkpoint.headHash })
    .returning<CheckpointRow[]>('*');
  if (!row) throw new Error('checkpoint not written');
  return checkpointFromRow(row);
}

export async function allCheckpoints(knex: Knex): Promise<Checkpoint[]> {
  const rows = await knex<CheckpointRow>('audit_checkpoints').orderBy('event_count').orderBy('id');
  return rows.map(checkpointFromRow);
}

export async function newestCheckpoint(knex: Knex): Promise<Checkpoint | undefined> {
  const row = await knex<CheckpointRow>('audit_checkpoints').orderBy('id', 'desc').first();
  return row ? checkpointFromRow(row) : undefined;
}
