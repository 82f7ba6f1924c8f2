import type { Knex } from 'knex';

/**
 * A case knows the organisation it is about when the register holds it (matched by ИНН or by one of its names
 * when the case is filed): staff see "in the register" or "not registered", and find an organisation's cases.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (table) => {
    table.integer('organisation_id').references('id').inTable('organisations').onDelete('SET NULL');
  });
  await knex.raw('create index cases_organisation on cases (organisation_id, received_at) where organisation_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_organisation');
  await knex.schema.alterTable('cases', (table) => table.dropColumn('organisation_id'));
}
