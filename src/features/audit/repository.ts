/**
 * Storage of the audit chain. Appends are serialised by a transaction-scoped advisory lock, taken by the function
 * audit_append (migration 20261209100000) before it computes the hash with the expression in canonical.ts;
 * verification computes it from canonical.ts itself.
 */
import type { Knex } from 'knex';
import { GENESIS_HASH, hashSql, type ActorType, type Details } from './canonical.ts';

/** Arbitrary, fixed key of the advisory lock that serialises appends (and checkpoints); audit_append takes it too. */
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

/**
 * Appends one event after the current head in one statement (the database function audit_append takes the chain's
 * lock first): on its own, or inside `db`'s transaction, which then holds the lock until it ends.
 */
export async function appendEvent(db: Knex | Knex.Transaction, event: NewEvent): Promise<StoredEvent> {
  const result = await db.raw<{ rows: EventRow[] }>('select * from audit_append(?, ?, ?, ?, ?, ?, ?::jsonb)', [
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
 * Appends events in the order given, in one statement and one transaction of their own (the database function
 * audit_append_batch, migration 20261211100000): the events written on their own, grouped (service.ts).
 */
export async function appendEvents(knex: Knex, events: readonly NewEvent[]): Promise<StoredEvent[]> {
  const result = await knex.raw<{ rows: EventRow[] }>('select * from audit_append_batch(?::jsonb)', [JSON.stringify(events)]);
  if (result.rows.length !== events.length) throw new Error('audit events not written');
  return result.rows.map(fromRow);
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

export interface EventFilter {
  actorType?: ActorType;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** An action, or a prefix of one ending in a dot (`case.` for every case action). */
  action?: string;
  from?: string;
  to?: string;
  /** Everything about one case: its own events, and its files' downloads (by the reference in their details, or the file's case). */
  caseReference?: string;
  /** Keyset: events older than this id. */
  beforeId?: number;
}

function aboutCase(query: Knex.QueryBuilder, reference: string): void {
  query.where((about) => {
    about
      .where((own) => {
        own.where({ entity_type: 'case', entity_id: reference });
      })
      .orWhereRaw(`details \\? 'case' and details ->> 'case' = ?`, [reference])
      .orWhere((file) => {
        file
          .where('entity_type', 'attachment')
          .whereRaw('entity_id in (select a.id::text from attachments a join cases c on c.id = a.case_id where c.reference = ?)', [reference]);
      });
  });
}

/** Newest first, one page (the viewer reads; it never changes the chain). */
export async function listEvents(knex: Knex, filter: EventFilter, pageSize: number): Promise<{ events: StoredEvent[]; nextBeforeId?: number }> {
  const query = knex('audit_events')
    .select<EventRow[]>('*')
    .orderBy('id', 'desc')
    .limit(pageSize + 1);
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
  if (filter.caseReference) aboutCase(query, filter.caseReference);
  if (filter.beforeId) query.where('id', '<', filter.beforeId);
  const rows = await query;
  const page = rows.slice(0, pageSize).map(fromRow);
  return { events: page, nextBeforeId: rows.length > pageSize ? page.at(-1)?.id : undefined };
}

export interface CaseViewRow {
  occurred_at: Date;
  role: string | null;
}

/** The staff reads of a case, newest first: when, and the reader's role (never who). */
export async function caseViewEvents(knex: Knex, reference: string, limit: number): Promise<CaseViewRow[]> {
  return knex('audit_events as a')
    .leftJoin('staff_users as s', (join) => {
      join.on(knex.raw('s.id::text = a.actor_id'));
    })
    .select('a.occurred_at', 's.role')
    .where({ 'a.entity_type': 'case', 'a.entity_id': reference, 'a.action': 'case.viewed', 'a.actor_type': 'staff' })
    .orderBy('a.id', 'desc')
    .limit(limit);
}
