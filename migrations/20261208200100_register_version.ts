import type { Knex } from 'knex';

/**
 * A version of the register, moved by the same statement trigger that announces register changes: each instance
 * keeps the register's word search in memory and reads this one row to know whether what it holds is current, so
 * a search right after a change (on any instance, by any tool) finds it, without waiting for the notice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('register_version', (table) => {
    table.boolean('one').primary().defaultTo(true);
    table.bigInteger('version').notNullable().defaultTo(0);
  });
  await knex.raw('alter table register_version add constraint register_version_one check (one)');
  await knex('register_version').insert({ one: true, version: 0 });
  await knex.raw(`
    create or replace function register_changed_notify() returns trigger language plpgsql as $$
    begin
      update register_version set version = version + 1;
      perform pg_notify('register_changed', tg_table_name);
      return null;
    end
    $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function register_changed_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('register_changed', tg_table_name);
      return null;
    end
    $$`);
  await knex.schema.dropTable('register_version');
}
