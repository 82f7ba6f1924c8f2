import type { Knex } from 'knex';

/**
 * The register of holders of personal-data arrays (Law 58 Art. 30, resolution No. 638): organisations, their
 * registered arrays, and the history of every change staff make. Only entries staff have registered are rows
 * here: what an applicant types stays in their case until it is approved.
 *
 * `search_text` holds every name of the organisation in one Latin spelling (features/register/search-key.ts), so
 * one trigram index answers queries in any script.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm');
  await knex.raw('create sequence register_number_seq');
  await knex.schema.createTable('organisations', (table) => {
    table.increments('id');
    table.string('registration_number', 20).notNullable().unique();
    table.date('registered_on').notNullable();
    table.string('inn', 14).notNullable().unique();
    table.string('name_ky', 300).notNullable();
    table.string('name_ru', 300).notNullable();
    table.string('name_en', 300);
    table.text('search_text').notNullable();
    table.string('sector', 40).notNullable().index();
    table.string('region', 40).notNullable().index();
    table.string('address', 500).notNullable();
    table.string('responsible_person', 200).notNullable();
    table.string('contact_email', 254);
    table.string('contact_phone', 40);
    table.string('contact_address', 500);
    table.string('status', 16).notNullable().defaultTo('registered');
    table.date('ceased_on');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table organisations add constraint organisations_status_check check (status in ('registered', 'ceased'))`);
  await knex.raw(`alter table organisations add constraint organisations_inn_check check (inn ~ '^[0-9]{14}$')`);
  await knex.raw('create index organisations_search_text_trgm on organisations using gin (search_text gin_trgm_ops)');
  await knex.raw('create index organisations_name_ru on organisations (name_ru, id)');
  await knex.raw('create index organisations_name_ky on organisations (name_ky, id)');

  await knex.schema.createTable('register_arrays', (table) => {
    table.increments('id');
    table.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    table.smallint('position').notNullable();
    table.string('name', 300).notNullable();
    table.text('purposes').notNullable();
    table.text('methods').notNullable();
    table.text('legal_basis').notNullable();
    table.text('data_categories').notNullable();
    table.text('subject_categories').notNullable();
    table.text('sources').notNullable();
    table.text('subjects_informed').notNullable();
    table.text('retention').notNullable();
    table.text('recipients').notNullable();
    table.specificType('transfer_countries', 'text[]').notNullable().defaultTo('{}');
    table.text('security_measures').notNullable();
  });
  await knex.raw('create unique index register_arrays_name_unique on register_arrays (organisation_id, lower(name))');

  await knex.schema.createTable('register_changes', (table) => {
    table.bigIncrements('id');
    table.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.string('action', 32).notNullable();
    table.bigInteger('staff_id').references('id').inTable('staff_users');
    /** Where the change came from other than a member of staff: `import`, `registration:<case reference>`. */
    table.string('source', 64);
    /** The entry as it was before the change (null for the first registration). */
    table.jsonb('before');
    table.index(['organisation_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('register_changes');
  await knex.schema.dropTable('register_arrays');
  await knex.schema.dropTable('organisations');
  await knex.raw('drop sequence register_number_seq');
}
