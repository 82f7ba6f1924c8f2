import type { Knex } from 'knex';

/**
 * Following a request letter (issue 17):
 * - `tracked_requests`: a letter the citizen chose to come back to, found by a keyed hash of its code. The letter's
 *   answers are sealed with a key derived from that code, so nobody without it (staff, a copy of the database)
 *   can read them; the request's type and dates stay readable for the page and the statistics. Deleted
 *   `expires_at` (the reply-by date and 90 days).
 * - `request_reminders`: a reminder on the reply-by date, by e-mail or SMS, holding only the contact, the
 *   organisation's name, the request type and the dates; deleted once sent, or after 30 days at the latest.
 * - `mail_outbox.channel`: an outbox message goes by e-mail or by SMS (the recipient is then a number in E.164).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tracked_requests', (table) => {
    table.uuid('id').primary();
    table.string('code_hash', 64).notNullable().unique();
    table.string('language', 2).notNullable();
    table.string('request_type', 24).notNullable();
    table.date('sending_date').notNullable();
    table.date('reply_by').notNullable();
    table.integer('organisation_id').nullable().references('id').inTable('organisations').onDelete('SET NULL');
    table.binary('ciphertext').notNullable();
    table.binary('iv').notNullable();
    table.binary('auth_tag').notNullable();
    table.integer('key_version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['expires_at']);
  });
  await knex.raw(`alter table tracked_requests add constraint tracked_requests_language_check check (language in ('ky', 'ru', 'en'))`);
  await knex.schema.createTable('request_reminders', (table) => {
    table.bigIncrements('id').primary();
    table.string('channel', 8).notNullable();
    table.string('contact', 254).notNullable();
    table.string('organisation_name', 200).notNullable();
    table.string('request_type', 24).notNullable();
    table.string('language', 2).notNullable();
    table.date('sending_date').notNullable();
    table.date('remind_on').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['remind_on']);
    table.index(['expires_at']);
  });
  await knex.raw(`alter table request_reminders add constraint request_reminders_channel_check check (channel in ('email', 'sms'))`);
  await knex.raw(`alter table request_reminders add constraint request_reminders_language_check check (language in ('ky', 'ru', 'en'))`);
  await knex.schema.alterTable('mail_outbox', (table) => {
    table.string('channel', 8).notNullable().defaultTo('email');
  });
  await knex.raw(`alter table mail_outbox add constraint mail_outbox_channel_check check (channel in ('email', 'sms'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table mail_outbox drop constraint mail_outbox_channel_check');
  await knex.schema.alterTable('mail_outbox', (table) => table.dropColumn('channel'));
  await knex.schema.dropTable('request_reminders');
  await knex.schema.dropTable('tracked_requests');
}
