import type { Knex } from 'knex';

/**
 * Applications to the register of personal-data holders are cases of their own type (`registration`) with their
 * own states (features/cases/registration-workflow.ts): in review and returned for changes are open, registered
 * and refused end the case. The open-case indexes are rebuilt with the open states of the new type, so that the
 * queue's "open" filter still matches their predicate; a registration draft can be saved to finish later.
 */
const STATUSES_BEFORE = `'submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decided', 'closed', 'inadmissible', 'referred', 'withdrawn', 'reopened', 'decision_proposed'`;
const OPEN_BEFORE = `'submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decision_proposed', 'reopened'`;
const OPEN_AFTER = `${OPEN_BEFORE}, 'in_review', 'returned'`;

async function openIndexes(knex: Knex, open: string): Promise<void> {
  await knex.raw('drop index cases_open_by_deadline, cases_open_received');
  await knex.raw(`create index cases_open_by_deadline on cases (answer_due, id) where status in (${open})`);
  await knex.raw(`create index cases_open_received on cases (received_at, id) include (answer_due, type, status) where status in (${open})`);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table cases drop constraint cases_type_check');
  await knex.raw(`alter table cases add constraint cases_type_check check (type in ('complaint', 'report', 'breach', 'registration'))`);
  await knex.raw('alter table cases drop constraint cases_status_check');
  await knex.raw(
    `alter table cases add constraint cases_status_check check (status in (${STATUSES_BEFORE}, 'in_review', 'returned', 'registered', 'refused'))`,
  );
  await openIndexes(knex, OPEN_AFTER);
  await knex.raw('alter table saved_drafts drop constraint saved_drafts_journey_check');
  await knex.raw(`alter table saved_drafts add constraint saved_drafts_journey_check check (journey in ('complaint', 'report', 'breach', 'registration'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`delete from saved_drafts where journey = 'registration'`);
  await knex.raw('alter table saved_drafts drop constraint saved_drafts_journey_check');
  await knex.raw(`alter table saved_drafts add constraint saved_drafts_journey_check check (journey in ('complaint', 'report', 'breach'))`);
  await openIndexes(knex, OPEN_BEFORE);
  await knex.raw(`delete from cases where type = 'registration'`);
  await knex.raw('alter table cases drop constraint cases_status_check');
  await knex.raw(`alter table cases add constraint cases_status_check check (status in (${STATUSES_BEFORE}))`);
  await knex.raw('alter table cases drop constraint cases_type_check');
  await knex.raw(`alter table cases add constraint cases_type_check check (type in ('complaint', 'report', 'breach'))`);
}
