import type { Knex } from 'knex';

/** Server-side sessions (connect-pg-simple's layout) and shared rate-limit counters. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (table) => {
    table.string('sid').primary();
    table.json('sess').notNullable();
    table.timestamp('expire', { precision: 6, useTz: false }).notNullable().index();
  });
  await knex.schema.createTable('rate_limits', (table) => {
    // A keyed hash of limiter name + client key: no IP address is stored.
    table.string('key', 64).primary();
    table.integer('hits').notNullable();
    table.timestamp('resets_at', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rate_limits');
  await knex.schema.dropTable('sessions');
}
