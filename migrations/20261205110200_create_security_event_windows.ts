import type { Knex } from 'knex';

/**
 * Refused requests counted per kind, client (keyed hash) and window, so that a flood of refusals becomes one
 * audit event with a count when its window ends, not one permanent event per request; and staff alerts sent
 * at most once per subject and window.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('security_event_windows', (table) => {
    table.string('action', 64).notNullable();
    // Keyed hash of the client address plus, for rate limits, the limiter's name.
    table.string('client_key', 64).notNullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.integer('count').notNullable();
    // What the first refusal of the window was: method, path, address hash, limiter (no personal data).
    table.string('first_request_id', 64);
    table.jsonb('details').notNullable().defaultTo('{}');
    table.primary(['action', 'client_key', 'window_start']);
    table.index(['window_end']);
  });
  await knex.schema.createTable('security_alerts', (table) => {
    table.string('kind', 64).notNullable();
    table.string('subject', 64).notNullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['kind', 'subject', 'window_start']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('security_alerts');
  await knex.schema.dropTable('security_event_windows');
}
