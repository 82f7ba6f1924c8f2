import type { Knex } from 'knex';

/**
 * One row per occurrence of a scheduled job (a daily checkpoint, a weekday digest): its primary key is what
 * makes two instances enqueue an occurrence once, and `completed_at` is what makes a redelivered job skip
 * an occurrence that already ran.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_occurrences', (table) => {
    table.text('job_name').notNullable();
    table.timestamp('occurrence', { useTz: true }).notNullable();
    table.timestamp('enqueued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('completed_at', { useTz: true });
    table.primary(['job_name', 'occurrence']);
    table.index(['occurrence']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_occurrences');
}
