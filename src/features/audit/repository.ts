/**
 * Storage of the audit chain. Appends are serialised by a transaction-scoped advisory lock; hashes are
 * computed by PostgreSQL with the expression in canonical.ts, both on append and on verification.
 */
import type { Knex } from 'knex';
import { GENESIS_HASH, hashSql, type ActorType, type Details } from './canonical.ts';

/** Arbitrary, fixed key of the advisory lock that serialises appends (and checkpoints). */
const CHAIN_LOCK_KEY = 7_317_055_101;

export interface NewEvent {
  actorType: ActorType;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  details: Details;
}

export interface StoredEvent extends NewEvent {
  id: number;
  occurredAt: Date;
  prevHash: string;
  hash: string;
}

interface EventRow {
  id: number;
  occurred_at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  details: Details;
  prev_hash: string;
  hash: string;
}

function fromRow(row: EventRow): StoredEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    requestId: row.request_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Held until the transaction ends: the next appender waits, then sees this event as the head. */
export async function lockChain(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?)', [CHAIN_LOCK_KEY]);
}

const APPEND_SQL = `
  with slot as (
    select nextval(pg_get_serial_sequence('audit_events', 'id')) as id,
           clock_timestamp() as occurred_at,
           ?::text as actor_type, ?::text as actor_id, ?::text as action, ?::text as entity_type,
           ?::text as entity_id, ?::text as request_id, ?::jsonb as details,
           coalesce((select hash from audit_events order by id desc limit 1), '${GENESIS_HASH}') as prev_hash
  )
  insert into audit_events (id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, request_id, details, prev_hash, hash)
  select id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, request_id, details, prev_hash, ${hashSql()}
  from slot
  returning *`;

/** Appends one event after the current head (call lockChain first, in the same transaction). */
export async function appendEvent(trx: Knex.Transaction, event: NewEvent): Promise<StoredEvent> {
  const result = await trx.raw<{ rows: EventRow[] }>(APPEND_SQL, [
    event.actorType,
    event.actorId,
    event.action,
    event.entityType,
    event.entityId,
    event.requestId,
    JSON.stringify(event.details),
  ]);
  const [row] = result.rows;
  if (!row) throw new Error('audit event not written');
  return fromRow(row);
}

/**
 * Appends `count` generated events in one server-side loop (benchmark seeding): event n gets
 * actor_id n % 97, entity_id n % 50000 and details {"step": n % 7}.
 */
export async function appendGeneratedEvents(knex: Knex, count: number): Promise<void> {
  await knex.transaction(async (trx) => {
    await lockChain(trx);
    await trx.raw(`
      do $$
      declare n bigint;
      begin
        for n in 1..${Math.trunc(count)} loop
          insert into audit_events (id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, request_id, details, prev_hash, hash)
          select id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, request_id, details, prev_hash, ${hashSql()}
          from (select nextval(pg_get_serial_sequence('audit_events', 'id')) as id, clock_timestamp() as occurred_at,
                       'staff'::text as actor_type, (n % 97)::text as actor_id, 'case.viewed'::text as action,
                       'case'::text as entity_type, (n % 50000)::text as entity_id, null::text as request_id,
                       jsonb_build_object('step', n % 7) as details,
                       coalesce((select hash from audit_events order by id desc limit 1), '${GENESIS_HASH}') as prev_hash) slot;
        end loop;
      end
      $$`);
  });
}

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
  if (!summary || summary.total === 0 || summary.first_id === null || summary.last_id === null) return { count: 0, first: null, last: null, bad: null, watched: [] };
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
    const row = await knex.raw<{ rows: { id: number }[] }>('select id from audit_events order by id offset ? limit 1', [Math.max(0, Math.floor((count * part) / parts) - 1)]);
    const id = row.rows[0]?.id;
    if (id !== undefined && id !== bounds.at(-1) && id < max) bounds.push(id);
  }
  bounds.push(max);
  return bounds;
}

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

export interface EventFilter {
  actorType?: ActorType;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** An action, or a prefix of one ending in a dot (`case.` for every case action). */
  action?: string;
  from?: string;
  to?: string;
  /** Keyset: events older than this id. */
  beforeId?: number;
}

/** Newest first, one page (the viewer reads; it never changes the chain). */
export async function listEvents(knex: Knex, filter: EventFilter, pageSize: number): Promise<{ events: StoredEvent[]; nextBeforeId?: number }> {
  const query = knex('audit_events').select<EventRow[]>('*').orderBy('id', 'desc').limit(pageSize + 1);
  if (filter.actorType) query.where('actor_type', filter.actorType);
  if (filter.actorId) query.where('actor_id', filter.actorId);
  if (filter.entityType) query.where('entity_type', filter.entityType);
  if (filter.entityId) query.where('entity_id', filter.entityId);
  if (filter.action) {
    if (filter.action.endsWith('.')) query.whereLike('action', `${filter.action.replace(/[\\%_]/g, '\\$&')}%`);
    else query.where('action', filter.action);
  }
  if (filter.from) query.whereRaw(`occurred_at >= (?::date)::timestamp at time zone 'Asia/Bishkek'`, [filter.from]);
  if (filter.to) query.whereRaw(`occurred_at < (?::date + 1)::timestamp at time zone 'Asia/Bishkek'`, [filter.to]);
  if (filter.beforeId) query.where('id', '<', filter.beforeId);
  const rows = await query;
  const page = rows.slice(0, pageSize).map(fromRow);
  return { events: page, nextBeforeId: rows.length > pageSize ? page.at(-1)?.id : undefined };
}
