import type { Knex } from 'knex';

/**
 * The append-only, hash-chained audit trail (see src/features/audit/canonical.ts for the chain's form).
 * Triggers refuse UPDATE, DELETE and TRUNCATE for every role, superusers included; they are ENABLE ALWAYS so
 * that session_replication_role cannot bypass them. Only an explicit ALTER TABLE … DISABLE TRIGGER by the
 * owner or a superuser lifts them — which verification then catches if anything was changed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (table) => {
    table.bigIncrements('id');
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('actor_type', 16).notNullable();
    table.string('actor_id', 64);
    table.string('action', 64).notNullable();
    table.string('entity_type', 32);
    table.string('entity_id', 64);
    table.string('request_id', 64);
    table.jsonb('details').notNullable().defaultTo('{}');
    // Unique: two events claiming the same predecessor would fork the chain; the second one fails instead.
    table.string('prev_hash', 64).notNullable().unique();
    table.string('hash', 64).notNullable().unique();
    table.index(['entity_type', 'entity_id']);
    table.index(['actor_type', 'actor_id']);
    table.index(['action', 'occurred_at']);
    table.index(['occurred_at']);
  });
  await knex.raw(`alter table audit_events add constraint audit_events_actor_type_check
    check (actor_type in ('staff', 'citizen', 'organisation', 'system'))`);

  await knex.schema.createTable('audit_checkpoints', (table) => {
    table.bigIncrements('id');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.bigInteger('event_count').notNullable();
    table.bigInteger('head_id');
    table.string('head_hash', 64).notNullable();
  });

  await knex.raw(`
    create function audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = '42501';
    end
    $$`);
  for (const table of ['audit_events', 'audit_checkpoints']) {
    await knex.raw(`create trigger ${table}_no_update_delete before update or delete on ${table}
      for each row execute function audit_append_only()`);
    await knex.raw(`create trigger ${table}_no_truncate before truncate on ${table}
      for each statement execute function audit_append_only()`);
    await knex.raw(`alter table ${table} enable always trigger ${table}_no_update_delete`);
    await knex.raw(`alter table ${table} enable always trigger ${table}_no_truncate`);
    // A non-owner application role gets at most SELECT and INSERT, even if default privileges granted more.
    await knex.raw(`revoke update, delete, truncate on ${table} from public`);
    await knex.raw(`
      do $$
      declare grantee_name text;
      begin
        for grantee_name in
          select distinct grantee from information_schema.role_table_grants
          where table_schema = current_schema() and table_name = '${table}'
            and privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')
            and grantee <> (select tableowner from pg_tables where schemaname = current_schema() and tablename = '${table}')
        loop
          execute format('revoke update, delete, truncate on ${table} from %I', grantee_name);
        end loop;
      end
      $$`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_checkpoints');
  await knex.schema.dropTable('audit_events');
  await knex.raw('drop function audit_append_only()');
}
