import type { Knex } from 'knex';

/**
 * Decisions made by two people, citizens' replies that move a case, and e-mails merged per case:
 * - a `decision_proposed` status (an officer proposed, a supervisor has not yet approved or returned it);
 * - `case_decisions`: every proposal with its outcome, reasons and legal basis, who proposed and who reviewed
 *   it, the review note, and — once approved — the hash of the decision and its PDF;
 * - files attached to a decision (and the decision PDF) point at it from `attachments.decision_id`;
 * - `cases.reply_pending_at` flags a citizen's reply no officer has opened yet; `cases.information_due` is the
 *   day the citizen was asked to answer by;
 * - `mail_outbox.batch_key`: notifications with the same key and recipient are delivered as one e-mail.
 */
const STATUSES_BEFORE = `'submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decided', 'closed', 'inadmissible', 'referred', 'withdrawn', 'reopened'`;
const OPEN_BEFORE = `'submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'reopened'`;
const OPEN_AFTER = `${OPEN_BEFORE}, 'decision_proposed'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table cases drop constraint cases_status_check');
  await knex.raw(`alter table cases add constraint cases_status_check check (status in (${STATUSES_BEFORE}, 'decision_proposed'))`);
  // The open queue's index must cover the new open status, or the planner cannot use it for "all open cases".
  await knex.raw('drop index cases_open_by_deadline');
  await knex.raw(`create index cases_open_by_deadline on cases (answer_due, id) where status in (${OPEN_AFTER})`);

  await knex.schema.alterTable('cases', (table) => {
    table.timestamp('reply_pending_at', { useTz: true });
    table.date('information_due');
  });
  await knex.raw('create index cases_reply_pending on cases (assignee_id) where reply_pending_at is not null');

  await knex.schema.createTable('case_decisions', (table) => {
    table.bigIncrements('id');
    table.bigInteger('case_id').notNullable().references('cases.id').onDelete('cascade');
    table.string('status', 16).notNullable().defaultTo('proposed');
    table.string('outcome', 16).notNullable();
    table.text('reasons').notNullable();
    table.text('legal_basis').notNullable();
    table.string('language', 2).notNullable();
    table.bigInteger('proposed_by').references('staff_users.id').onDelete('set null');
    table.timestamp('proposed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.bigInteger('reviewed_by').references('staff_users.id').onDelete('set null');
    table.timestamp('reviewed_at', { useTz: true });
    table.text('review_note');
    // sha256 of the decision's canonical form (printed on the PDF) and of the PDF's bytes; both in the audit trail.
    table.string('decision_hash', 64);
    table.string('pdf_sha256', 64);
    table.index(['case_id', 'proposed_at']);
  });
  await knex.raw(`alter table case_decisions add constraint case_decisions_status_check check (status in ('proposed', 'returned', 'approved'))`);
  await knex.raw(
    `alter table case_decisions add constraint case_decisions_outcome_check check (outcome in ('upheld', 'partly_upheld', 'not_upheld', 'settled'))`,
  );
  await knex.raw(`alter table case_decisions add constraint case_decisions_language_check check (language in ('ky', 'ru', 'en'))`);
  await knex.raw(`alter table case_decisions add constraint case_decisions_reviewed check (status = 'proposed' or (reviewed_at is not null))`);
  // At most one proposal waits for review per case.
  await knex.raw(`create unique index case_decisions_one_proposed on case_decisions (case_id) where status = 'proposed'`);

  await knex.schema.alterTable('attachments', (table) => {
    table.bigInteger('decision_id').references('case_decisions.id').onDelete('set null');
    table.index(['decision_id']);
  });

  await knex.schema.alterTable('mail_outbox', (table) => {
    table.string('batch_key', 64);
  });
  await knex.raw(`create index mail_outbox_pending_batch on mail_outbox (batch_key, recipient) where status = 'pending' and batch_key is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index mail_outbox_pending_batch');
  await knex.schema.alterTable('mail_outbox', (table) => table.dropColumn('batch_key'));
  await knex.schema.alterTable('attachments', (table) => table.dropColumn('decision_id'));
  await knex.schema.dropTable('case_decisions');
  await knex.raw('drop index cases_reply_pending');
  await knex.schema.alterTable('cases', (table) => table.dropColumns('reply_pending_at', 'information_due'));
  await knex.raw(`update cases set status = 'investigation' where status = 'decision_proposed'`);
  await knex.raw('drop index cases_open_by_deadline');
  await knex.raw(`create index cases_open_by_deadline on cases (answer_due, id) where status in (${OPEN_BEFORE})`);
  await knex.raw('alter table cases drop constraint cases_status_check');
  await knex.raw(`alter table cases add constraint cases_status_check check (status in (${STATUSES_BEFORE}))`);
}
