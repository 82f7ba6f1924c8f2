import type { Knex } from 'knex';

/** Finds the e-mails recently sent to one address (at most one acknowledgement per address and hour). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index mail_outbox_recipient_recent on mail_outbox (template, lower(recipient), created_at)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index mail_outbox_recipient_recent');
}
