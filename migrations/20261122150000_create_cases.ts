import type { Knex } from 'knex';

/**
 * Cases (complaints, violation reports, breach notifications) and everything attached to them: the people
 * (separable, so they can be anonymised), the timeline, messages, encrypted evidence, receipts, access-code
 * resets, the mail outbox and the holiday calendar that working-day deadlines use.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_reference_counters', (table) => {
    table.integer('year').primary();
    table.integer('last_value').notNullable();
  });

  await knex.schema.createTable('cases', (table) => {
    table.bigIncrements('id');
    table.string('reference', 20).notNullable().unique();
    table.string('type', 16).notNullable();
    table.string('status', 24).notNullable().defaultTo('submitted');
    table.string('language', 2).notNullable();
    // Idempotent submission: a second POST of the same draft finds the first case.
    table.uuid('submission_token').notNullable().unique();
    table.text('organisation_name').notNullable();
    table.string('organisation_inn', 14);
    table.string('sector', 32);
    table.boolean('anonymous').notNullable().defaultTo(false);
    table.jsonb('answers').notNullable().defaultTo('{}');
    table.string('access_code_hash', 64);
    table.timestamp('access_code_set_at', { useTz: true });
    table.bigInteger('follow_up_of').references('cases.id');
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.date('registration_due');
    table.date('answer_due');
    table.timestamp('closed_at', { useTz: true });
    table.boolean('legal_hold').notNullable().defaultTo(false);
    table.timestamp('anonymised_at', { useTz: true });
    table.timestamps(true, true);
    table.index(['status', 'answer_due']);
    table.index(['type', 'received_at']);
  });
  await knex.raw(`alter table cases add constraint cases_type_check check (type in ('complaint', 'report', 'breach'))`);
  await knex.raw(`alter table cases add constraint cases_status_check check (status in
    ('submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decided', 'closed', 'inadmissible', 'referred', 'withdrawn', 'reopened'))`);
  await knex.raw(`alter table cases add constraint cases_language_check check (language in ('ky', 'ru', 'en'))`);

  await knex.schema.createTable('case_parties', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    table.string('role', 16).notNullable();
    table.text('full_name');
    table.text('email');
    table.text('postal_address');
    table.text('phone');
    table.string('position', 200);
    table.string('preferred_language', 2);
    table.boolean('identity_may_be_shared');
    table.timestamps(true, true);
    table.index(['case_id']);
  });
  await knex.raw(`alter table case_parties add constraint case_parties_role_check check (role in ('complainant', 'reporter', 'notifier', 'contact'))`);

  await knex.schema.createTable('case_events', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    table.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.string('kind', 32).notNullable();
    table.string('from_status', 24);
    table.string('to_status', 24);
    table.boolean('visible_to_citizen').notNullable().defaultTo(true);
    table.string('actor_type', 16).notNullable();
    table.string('actor_id', 64);
    table.jsonb('data').notNullable().defaultTo('{}');
    table.index(['case_id', 'occurred_at']);
  });

  await knex.schema.createTable('messages', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    table.string('direction', 16).notNullable();
    table.string('author_staff_id', 64);
    table.text('body').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('read_at', { useTz: true });
    table.index(['case_id', 'created_at']);
  });
  await knex.raw(`alter table messages add constraint messages_direction_check check (direction in ('from_citizen', 'to_citizen'))`);

  await knex.schema.createTable('attachment_blobs', (table) => {
    table.uuid('id').primary();
    table.binary('ciphertext').notNullable();
    table.binary('iv').notNullable();
    table.binary('auth_tag').notNullable();
    table.integer('key_version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('attachments', (table) => {
    table.uuid('id').primary();
    table.bigInteger('case_id').references('cases.id').onDelete('cascade');
    // While a journey is in progress its files belong to the draft, not yet to a case.
    table.uuid('draft_token');
    table.bigInteger('message_id').references('messages.id').onDelete('set null');
    table.string('uploaded_by', 16).notNullable();
    table.string('purpose', 24).notNullable().defaultTo('evidence');
    table.string('file_name', 200).notNullable();
    table.string('content_type', 64).notNullable();
    table.integer('size_bytes').notNullable();
    table.string('sha256', 64).notNullable();
    table.string('storage_key', 100).notNullable();
    table.string('scan_status', 16).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['case_id']);
    table.index(['draft_token']);
  });

  await knex.schema.createTable('receipts', (table) => {
    table.uuid('submission_token').primary();
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    // The access code, encrypted, until the receipt page has shown it once.
    table.binary('code_ciphertext');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('access_code_resets', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    table.string('token_hash', 64).notNullable().unique();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('used_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('mail_outbox', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').references('cases.id').onDelete('set null');
    table.text('recipient').notNullable();
    table.string('language', 2).notNullable();
    table.string('template', 48).notNullable();
    table.jsonb('params').notNullable().defaultTo('{}');
    table.string('status', 16).notNullable().defaultTo('pending');
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('last_error', 200);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('enqueued_at', { useTz: true });
    table.timestamp('sent_at', { useTz: true });
    table.index(['status', 'created_at']);
  });

  await knex.schema.createTable('holidays', (table) => {
    table.date('day').primary();
    table.string('name_ky', 200).notNullable();
    table.string('name_ru', 200).notNullable();
    table.string('name_en', 200).notNullable();
    table.string('source', 16).notNullable().defaultTo('seed');
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'holidays',
    'mail_outbox',
    'access_code_resets',
    'receipts',
    'attachments',
    'attachment_blobs',
    'messages',
    'case_events',
    'case_parties',
    'cases',
    'case_reference_counters',
  ]) {
    await knex.schema.dropTable(table);
  }
}
