/**
 * Verification of the audit chain inside PostgreSQL: batches recomputed by the database (only totals come back)
 * and the bounds that split a long chain into stretches verified in parallel.
 */
import type { Knex } from 'knex';
import { hashSql } from './canonical.ts';

export interface BatchSummary {
  count: number;
  first: { id: number; prevHash: string } | null;
  last: { id: number; hash: string } | null;
  /**
   * The first event of the batch whose hash does not recompute, or whose prev_hash breaks the chain, and
   * the event before it in the batch (null when it is the batch's first).
   */
  bad: { id: number; kind: 'content' | 'link'; validBefore: number; previousId: number | null } | null;
  /** Watched ids found in the batch, with their 1-based position in it and their hash. */
  watched: { id: number; position: number; hash: string }[];
}

interface BatchTotals {
  total: number;
  first_id: number | null;
  last_id: number | null;
  bad_content_id: number | null;
  bad_link_id: number | null;
}

interface MarkedRow {
  id: number;
  prev_hash: string;
  hash: string;
  position: number;
  previous_id: number | null;
}

/**
 * Verifies the events with afterId < id <= upToId inside PostgreSQL: one ordered pass over the primary key
 * recomputes every hash and link and returns only totals (nothing is buffered, so batches stay cheap
 * however long); a second, indexed query then fetches the few rows that matter — the first and last, the
 * first bad one, and watched ones — with their position. `previousHash` is the hash the first event must
 * point to, or null when unknown (the first batch of a parallel segment). Batches are id ranges rather than
 * LIMITs: that keeps the plan a plain index scan.
 */
export async function verifyBatch(
  knex: Knex,
  range: { afterId: number; upToId: number },
  previousHash: string | null,
  watchIds: readonly number[],
): Promise<BatchSummary> {
  const totals = await knex.raw<{ rows: BatchTotals[] }>(
    `select count(*)::int as total, min(id) as first_id, max(id) as last_id,
            min(id) filter (where not content_ok) as bad_content_id,
            min(id) filter (where not link_ok) as bad_link_id
     from (
       select id,
              ${hashSql()} = hash as content_ok,
              prev_hash = coalesce(lag(hash) over (order by id), cast(:previousHash as text), prev_hash) as link_ok
       from audit_events
       where id > :afterId and id <= :upToId
     ) checked`,
    { ...range, previousHash },
  );
  const summary = totals.rows[0];
  if (!summary || summary.total === 0 || summary.first_id === null || summary.last_id === null)
    return { count: 0, first: null, last: null, bad: null, watched: [] };
  const badIds = [summary.bad_content_id, summary.bad_link_id].filter((id): id is number => id !== null);
  const badId = badIds.length > 0 ? Math.min(...badIds) : null;
  const watchedHere = watchIds.filter((id) => id > range.afterId && id <= range.upToId);
  const wanted = [summary.first_id, summary.last_id, ...(badId === null ? [] : [badId]), ...watchedHere];
  const marked = await knex.raw<{ rows: MarkedRow[] }>(
    `select e.id, e.prev_hash, e.hash,
            (select count(*)::int from audit_events b where b.id > :afterId and b.id <= e.id) as position,
            (select max(b.id) from audit_events b where b.id > :afterId and b.id < e.id) as previous_id
     from audit_events e
     where e.id = any(cast(:ids as bigint[]))`,
    // An array literal, not a JS array: knex would expand an array into a list of placeholders.
    { afterId: range.afterId, ids: `{${wanted.join(',')}}` },
  );
  const byId = new Map(marked.rows.map((row) => [row.id, row]));
  const first = byId.get(summary.first_id);
  const last = byId.get(summary.last_id);
  const bad = badId === null ? undefined : byId.get(badId);
  if (!first || !last) return { count: 0, first: null, last: null, bad: null, watched: [] };
  return {
    count: summary.total,
    first: { id: first.id, prevHash: first.prev_hash },
    last: { id: last.id, hash: last.hash },
    bad: bad ? { id: bad.id, kind: bad.id === summary.bad_link_id ? 'link' : 'content', validBefore: bad.position - 1, previousId: bad.previous_id } : null,
    watched: watchedHere.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ id: row.id, position: row.position, hash: row.hash }] : [];
    }),
  };
}

/** Ids that split the chain into `parts` stretches of about equal length (upper bounds; the last is the maximum id). */
export async function segmentBounds(knex: Knex, parts: number): Promise<number[]> {
  const total = await knex.raw<{ rows: { count: number; max: number | null }[] }>('select count(*) as count, max(id) as max from audit_events');
  const [{ count, max } = { count: 0, max: null }] = total.rows;
  if (max === null) return [0];
  const bounds: number[] = [];
  for (let part = 1; part < parts; part++) {
    const row = await knex.raw<{ rows: { id: number }[] }>('select id from audit_events order by id offset ? limit 1', [
      Math.max(0, Math.floor((count * part) / parts) - 1),
    ]);
    const id = row.rows[0]?.id;
    if (id !== undefined && id !== bounds.at(-1) && id < max) bounds.push(id);
  }
  bounds.push(max);
  return bounds;
}
