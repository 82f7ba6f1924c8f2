import type { Knex } from 'knex';

/**
 * audit_append_batch(): appends several events, in the order given, in one statement and one transaction — the
 * portal's own group commit for events written on their own (src/features/audit/append-grouped.ts). The chain's
 * lock is held from the first append until the commit, and the commit waits for its WAL flush while holding it:
 * one such event per transaction made every staff search wait for the flush of each search before it, and under
 * disk load a flush takes tens to hundreds of milliseconds. One flush now covers every event that arrived while
 * the previous one was being written; each request still answers only after its event is durable.
 *
 * Each element is `{actorType, actorId, action, entityType, entityId, requestId, details}`; each goes through
 * audit_append (migration 20261209100000), so the hash stays the one expression verification checks.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function audit_append_batch(p_events jsonb) returns setof audit_events language plpgsql volatile as $$
    declare
      e jsonb;
    begin
      for e in select value from jsonb_array_elements(p_events) with ordinality as t(value, n) order by n loop
        return query select * from audit_append(e ->> 'actorType', e ->> 'actorId', e ->> 'action', e ->> 'entityType',
          e ->> 'entityId', e ->> 'requestId', e -> 'details');
      end loop;
    end
    $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function audit_append_batch(jsonb)');
}
