import type { Knex } from 'knex';

/**
 * audit_append(): takes the chain's lock and appends one event in a single statement, so an event written on its
 * own (a staff search, a case opened, a file downloaded) is one round trip rather than four (BEGIN, lock, insert,
 * COMMIT), and the lock is no longer held while the application is busy between those round trips — under load
 * every other appender waited for that. In a transaction of its own the lock is still held until that transaction
 * commits, as before.
 *
 * Each statement of a volatile PL/pgSQL function takes a new snapshot: the insert, run after the lock is granted,
 * sees the head the previous holder committed. The hash expression is the one in src/features/audit/canonical.ts
 * (ukuk-audit-v1). Verification still computes it from canonical.ts, not from this function, so a changed function
 * cannot change what verification expects; a new canonical form needs a new migration here.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function audit_append(
      p_actor_type text, p_actor_id text, p_action text, p_entity_type text, p_entity_id text, p_request_id text, p_details jsonb
    ) returns setof audit_events language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock(7317055101);
      return query
      with slot as (
        select nextval(pg_get_serial_sequence('audit_events', 'id')) as id,
               clock_timestamp() as occurred_at,
               p_actor_type as actor_type, p_actor_id as actor_id, p_action as action, p_entity_type as entity_type,
               p_entity_id as entity_id, p_request_id as request_id, p_details as details,
               coalesce((select e.hash from audit_events e order by e.id desc limit 1), repeat('0', 64)) as prev_hash
      ), appended as (
        insert into audit_events (id, occurred_at, actor_type, actor_id, action, entity_type, entity_id, request_id, details, prev_hash, hash)
        select s.id, s.occurred_at, s.actor_type, s.actor_id, s.action, s.entity_type, s.entity_id, s.request_id, s.details, s.prev_hash,
          encode(pg_catalog.sha256(convert_to(jsonb_build_array('ukuk-audit-v1', s.id::text,
            to_char(s.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            s.actor_type, s.actor_id, s.action, s.entity_type, s.entity_id, s.request_id,
            s.details, s.prev_hash)::text, 'UTF8')), 'hex')
        from slot s
        returning *
      )
      select * from appended;
    end
    $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function audit_append(text, text, text, text, text, text, jsonb)');
}
