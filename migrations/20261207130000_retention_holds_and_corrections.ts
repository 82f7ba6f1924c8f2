import type { Knex } from 'knex';

/**
 * Retention (issue 17): a legal hold's history (who set it, why, who lifted it) beside the `cases.legal_hold`
 * flag the anonymisation job reads; the citizen's corrections of their contact details with the old value kept
 * for staff; and an index for the daily search of closed cases past their retention period.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_legal_holds', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('id').inTable('cases').onDelete('CASCADE');
    table.text('reason').notNullable();
    table.bigInteger('set_by').references('id').inTable('staff_users').onDelete('SET NULL');
    table.timestamp('set_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.text('lift_reason');
    table.bigInteger('lifted_by').references('id').inTable('staff_users').onDelete('SET NULL');
    table.timestamp('lifted_at', { useTz: true });
    table.index(['case_id', 'set_at']);
  });
  await knex.raw('create unique index case_legal_holds_one_active on case_legal_holds (case_id) where lifted_at is null');
  await knex.schema.createTable('case_contact_corrections', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('id').inTable('cases').onDelete('CASCADE');
    table.bigInteger('party_id').notNullable().references('id').inTable('case_parties').onDelete('CASCADE');
    table.string('field', 16).notNullable();
    table.text('old_value');
    table.text('new_value');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['case_id', 'created_at']);
  });
  await knex.raw("alter table case_contact_corrections add constraint case_contact_corrections_field_check check (field in ('full_name', 'email', 'phone'))");
  await knex.raw('create index cases_retention on cases (closed_at) where anonymised_at is null and closed_at is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_retention');
  await knex.schema.dropTable('case_contact_corrections');
  await knex.schema.dropTable('case_legal_holds');
}
