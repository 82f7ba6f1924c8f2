import type { Knex } from 'knex';

/**
 * Credential versions: a number that moves on whenever a credential is replaced or withdrawn (a staff
 * member's reset, disable or role change; a case's new access code). A session remembers the version it was
 * opened with and is worthless once the number has moved, whatever else it holds — including a staff login
 * that has passed only the password step. Half-finished staff logins are also found by account, so that
 * ending "every session" of an account ends those too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff_users', (table) => {
    table.integer('credential_version').notNullable().defaultTo(1);
  });
  await knex.schema.alterTable('cases', (table) => {
    table.integer('access_code_version').notNullable().defaultTo(1);
  });
  await knex.raw(`create index sessions_staff_pending_id on sessions ((sess -> 'staffPending' ->> 'id'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index sessions_staff_pending_id');
  await knex.schema.alterTable('cases', (table) => table.dropColumn('access_code_version'));
  await knex.schema.alterTable('staff_users', (table) => table.dropColumn('credential_version'));
}
