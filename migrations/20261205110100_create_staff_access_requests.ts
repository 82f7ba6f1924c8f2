import type { Knex } from 'knex';

/**
 * Four-eyes approval of access to personal data: an admin who creates an account with a role that reads
 * personal data, or gives such a role to an existing account, only files a request; another admin or a
 * supervisor approves or refuses it. At most one request is pending per account and per new e-mail address.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_access_requests', (table) => {
    table.bigIncrements('id');
    table.string('kind', 16).notNullable();
    // A new account: who it is for (the account is created only on approval).
    table.text('email');
    table.string('display_name', 120);
    table.string('language', 2);
    // A role change: the existing account.
    table.bigInteger('staff_id').references('staff_users.id').onDelete('cascade');
    table.string('role', 16).notNullable();
    table.bigInteger('requested_by').notNullable().references('staff_users.id');
    table.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.string('outcome', 16);
    table.bigInteger('decided_by').references('staff_users.id');
    table.timestamp('decided_at', { useTz: true });
  });
  await knex.raw(`alter table staff_access_requests add constraint staff_access_requests_kind_check check (
    (kind = 'create' and email is not null and display_name is not null and language is not null and staff_id is null)
    or (kind = 'role' and staff_id is not null and email is null))`);
  await knex.raw(
    `alter table staff_access_requests add constraint staff_access_requests_role_check check (role in ('admin', 'supervisor', 'case_officer', 'editor', 'auditor'))`,
  );
  await knex.raw(`alter table staff_access_requests add constraint staff_access_requests_outcome_check check (
    (outcome is null and decided_by is null and decided_at is null)
    or (outcome in ('approved', 'refused') and decided_by is not null and decided_at is not null))`);
  // Nobody decides their own request (the service checks it too).
  await knex.raw(`alter table staff_access_requests add constraint staff_access_requests_four_eyes check (decided_by is null or decided_by <> requested_by)`);
  await knex.raw(`create unique index staff_access_requests_pending_account on staff_access_requests (staff_id) where outcome is null and kind = 'role'`);
  await knex.raw(`create unique index staff_access_requests_pending_email on staff_access_requests (lower(email)) where outcome is null and kind = 'create'`);
  await knex.raw(`create index staff_access_requests_pending on staff_access_requests (requested_at) where outcome is null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_access_requests');
}
