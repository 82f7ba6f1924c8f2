import type { Knex } from 'knex';

/**
 * Every change to the register — a registration, an amendment, a merge, an entry ceased, an import, an edit by
 * hand in SQL — announces itself on the `register_changed` channel, once per statement (and PostgreSQL folds
 * the same notice within a transaction into one). Each instance keeps register search pages and typeahead
 * answers in memory and drops them on that notice, so a cached answer never outlives the data it was read from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function register_changed_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('register_changed', tg_table_name);
      return null;
    end
    $$`);
  for (const table of ['organisations', 'register_arrays'])
    await knex.raw(
      `create trigger ${table}_changed after insert or update or delete or truncate on ${table} for each statement execute function register_changed_notify()`,
    );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['organisations', 'register_arrays']) await knex.raw(`drop trigger ${table}_changed on ${table}`);
  await knex.raw('drop function register_changed_notify()');
}
