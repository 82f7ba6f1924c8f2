import type { Knex } from 'knex';

/**
 * The back office: staff accounts (argon2id passwords, encrypted TOTP secrets, hashed recovery codes), and
 * what casework adds to a case — the assignee, registration, the paused answer clock, the decision or the
 * coded reason, internal notes, links between cases — plus per-status counts kept by statement triggers so
 * the queue can show them at a million cases without counting.
 */
const OPEN = `('submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'reopened')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_users', (table) => {
    table.bigIncrements('id');
    table.text('email').notNullable();
    table.string('display_name', 120).notNullable();
    table.string('role', 16).notNullable();
    table.string('language', 2).notNullable().defaultTo('ky');
    table.text('password_hash');
    table.timestamp('password_changed_at', { useTz: true });
    // The TOTP secret, sealed with the data key (iv | tag | ciphertext); null until enrolled.
    table.binary('totp_secret');
    table.timestamp('totp_enrolled_at', { useTz: true });
    // The last TOTP time step accepted: a code is accepted once, and never an older one.
    table.bigInteger('totp_last_step');
    table.integer('failed_attempts').notNullable().defaultTo(0);
    table.timestamp('locked_until', { useTz: true });
    table.timestamp('disabled_at', { useTz: true });
    table.string('setup_token_hash', 64).unique();
    table.timestamp('setup_expires_at', { useTz: true });
    table.timestamp('last_login_at', { useTz: true });
    table.timestamps(true, true);
  });
  await knex.raw(`create unique index staff_users_email_unique on staff_users (lower(email))`);
  await knex.raw(`alter table staff_users add constraint staff_users_role_check check (role in ('admin', 'supervisor', 'case_officer', 'editor', 'auditor'))`);
  await knex.raw(`alter table staff_users add constraint staff_users_language_check check (language in ('ky', 'ru', 'en'))`);

  await knex.schema.createTable('staff_recovery_codes', (table) => {
    table.bigIncrements('id');
    table.bigInteger('staff_id').notNullable().references('staff_users.id').onDelete('cascade');
    table.string('code_hash', 64).notNullable();
    table.timestamp('used_at', { useTz: true });
    table.index(['staff_id']);
  });

  // Ending a user's sessions (disable, role change, logout everywhere) finds them by this.
  await knex.raw(`create index sessions_staff_id on sessions ((sess -> 'staff' ->> 'id'))`);

  // Every case has both due dates (keyset pagination orders by them).
  await knex.raw(`update cases set registration_due = received_at::date where registration_due is null`);
  await knex.raw(`update cases set answer_due = received_at::date where answer_due is null`);
  await knex.schema.alterTable('cases', (table) => {
    table.date('registration_due').notNullable().alter();
    table.date('answer_due').notNullable().alter();
    table.bigInteger('assignee_id').references('staff_users.id').onDelete('set null');
    table.timestamp('registered_at', { useTz: true });
    table.timestamp('paused_at', { useTz: true });
    table.integer('paused_working_days').notNullable().defaultTo(0);
    table.date('progress_due');
    table.timestamp('decided_at', { useTz: true });
    table.string('decision', 16);
    table.text('decision_text');
    table.string('reason_code', 32);
    table.string('referred_to', 32);
  });
  await knex.raw(
    `alter table cases add constraint cases_decision_check check (decision is null or decision in ('upheld', 'partly_upheld', 'not_upheld', 'settled'))`,
  );
  // Search by reference, organisation and the text of the answers (string values only, not the field names).
  await knex.raw(`alter table cases add column search_vector tsvector generated always as
    (to_tsvector('simple', reference || ' ' || organisation_name) || jsonb_to_tsvector('simple', answers, '["string"]')) stored`);
  await knex.raw(`create index cases_search on cases using gin (search_vector)`);
  await knex.raw(`create index cases_organisation_trgm on cases using gin (organisation_name gin_trgm_ops)`);
  // Keyset pagination: the open queue by deadline, any status by deadline, by assignee, by received date.
  await knex.raw(`create index cases_open_by_deadline on cases (answer_due, id) where status in ${OPEN}`);
  await knex.raw(`create index cases_status_deadline on cases (status, answer_due, id)`);
  // Superseded by cases_status_deadline (fewer indexes: cheaper writes and planning).
  await knex.raw(`drop index if exists cases_status_answer_due_index`);
  await knex.raw(`create index cases_assignee_deadline on cases (assignee_id, answer_due, id)`);
  await knex.raw(`create index cases_received on cases (received_at, id)`);

  await knex.schema.createTable('case_notes', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    table.bigInteger('staff_id').references('staff_users.id').onDelete('set null');
    table.text('body').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['case_id', 'created_at']);
  });

  await knex.schema.createTable('case_links', (table) => {
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    table.bigInteger('linked_case_id').notNullable().references('cases.id').onDelete('cascade');
    table.string('kind', 16).notNullable();
    table.bigInteger('created_by').references('staff_users.id').onDelete('set null');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['case_id', 'linked_case_id']);
  });
  await knex.raw(`alter table case_links add constraint case_links_kind_check check (kind in ('duplicate', 'related'))`);
  await knex.raw(`alter table case_links add constraint case_links_not_self check (case_id <> linked_case_id)`);

  await knex.schema.alterTable('messages', (table) => {
    table.string('template', 32);
  });

  // Counts per status, kept by statement-level triggers (one update per statement, not per row).
  await knex.schema.createTable('case_status_counts', (table) => {
    table.string('status', 24).primary();
    table.bigInteger('count').notNullable().defaultTo(0);
  });
  await knex.raw(`insert into case_status_counts (status, count) select status, count(*) from cases group by status`);
  await knex.raw(`
    create function case_status_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into case_status_counts (status, count)
          select status, -count(*) from old_rows group by status
          on conflict (status) do update set count = case_status_counts.count + excluded.count;
      end if;
      if tg_op in ('UPDATE', 'INSERT') then
        insert into case_status_counts (status, count)
          select status, count(*) from new_rows group by status
          on conflict (status) do update set count = case_status_counts.count + excluded.count;
      end if;
      return null;
    end $$`);
  await knex.raw(
    `create trigger case_status_counts_insert after insert on cases referencing new table as new_rows for each statement execute function case_status_counts_apply()`,
  );
  await knex.raw(
    `create trigger case_status_counts_update after update on cases referencing old table as old_rows new table as new_rows for each statement execute function case_status_counts_apply()`,
  );
  await knex.raw(
    `create trigger case_status_counts_delete after delete on cases referencing old table as old_rows for each statement execute function case_status_counts_apply()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger case_status_counts_insert on cases');
  await knex.raw('drop trigger case_status_counts_update on cases');
  await knex.raw('drop trigger case_status_counts_delete on cases');
  await knex.raw('drop function case_status_counts_apply()');
  await knex.schema.dropTable('case_status_counts');
  await knex.schema.alterTable('messages', (table) => table.dropColumn('template'));
  await knex.schema.dropTable('case_links');
  await knex.schema.dropTable('case_notes');
  await knex.raw('drop index cases_search, cases_organisation_trgm, cases_open_by_deadline, cases_status_deadline, cases_assignee_deadline, cases_received');
  await knex.raw('create index cases_status_answer_due_index on cases (status, answer_due)');
  await knex.raw('alter table cases drop column search_vector');
  await knex.schema.alterTable('cases', (table) => {
    table.dropColumns(
      'assignee_id',
      'registered_at',
      'paused_at',
      'paused_working_days',
      'progress_due',
      'decided_at',
      'decision',
      'decision_text',
      'reason_code',
      'referred_to',
    );
  });
  await knex.raw('drop index sessions_staff_id');
  await knex.schema.dropTable('staff_recovery_codes');
  await knex.schema.dropTable('staff_users');
}
