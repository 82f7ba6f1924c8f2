/** One case as the back office reads and changes it: the case file, its lock and changes, parties, assignment. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { CASEWORKER_ROLES } from '../staff/permissions.ts';

import type { CaseType } from '../cases/service.ts';

export interface CaseFileRow {
  id: number;
  reference: string;
  type: CaseType;
  status: string;
  language: Language;
  organisation_name: string;
  organisation_inn: string | null;
  organisation_id: number | null;
  sector: string | null;
  anonymous: boolean;
  answers: Record<string, unknown>;
  follow_up_of: number | null;
  received_at: Date;
  received_date: string;
  registration_due: string;
  answer_due: string;
  progress_due: string | null;
  registered_at: Date | null;
  paused_at: Date | null;
  paused_date: string | null;
  paused_working_days: number;
  decided_at: Date | null;
  decision: string | null;
  decision_text: string | null;
  reason_code: string | null;
  referred_to: string | null;
  closed_at: Date | null;
  legal_hold: boolean;
  anonymised_at: Date | null;
  assignee_id: number | null;
  assignee_name: string | null;
  reply_pending_at: Date | null;
  information_due: string | null;
}

export async function findCaseFile(knex: Knex, reference: string): Promise<CaseFileRow | undefined> {
  return knex('cases')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select(
      'cases.id',
      'cases.reference',
      'cases.type',
      'cases.status',
      'cases.language',
      'cases.organisation_name',
      'cases.organisation_inn',
      'cases.organisation_id',
      'cases.sector',
      'cases.anonymous',
      'cases.answers',
      'cases.follow_up_of',
      'cases.received_at',
      'cases.registered_at',
      'cases.paused_at',
      'cases.paused_working_days',
      'cases.decided_at',
      'cases.decision',
      'cases.decision_text',
      'cases.reason_code',
      'cases.referred_to',
      'cases.closed_at',
      'cases.legal_hold',
      'cases.anonymised_at',
      'cases.assignee_id',
      'cases.reply_pending_at',
      'staff_users.display_name as assignee_name',
      knex.raw(`to_char(cases.information_due, 'YYYY-MM-DD') as information_due`),
      knex.raw(`to_char(cases.received_at at time zone 'Asia/Bishkek', 'YYYY-MM-DD') as received_date`),
      knex.raw(`to_char(cases.paused_at at time zone 'Asia/Bishkek', 'YYYY-MM-DD') as paused_date`),
      knex.raw(`to_char(cases.registration_due, 'YYYY-MM-DD') as registration_due`),
      knex.raw(`to_char(cases.answer_due, 'YYYY-MM-DD') as answer_due`),
      knex.raw(`to_char(cases.progress_due, 'YYYY-MM-DD') as progress_due`),
    )
    .where('cases.reference', reference)
    .first<CaseFileRow | undefined>();
}

/** The case row locked for a change (a transition reads and writes it in one transaction). */
export async function lockCase(trx: Knex.Transaction, id: number): Promise<{ id: number; status: string; assignee_id: number | null } | undefined> {
  return trx('cases')
    .select('id', 'status', 'assignee_id')
    .where({ id })
    .forUpdate()
    .first<{ id: number; status: string; assignee_id: number | null } | undefined>();
}

export async function updateCase(trx: Knex.Transaction, id: number, changes: Record<string, unknown>): Promise<void> {
  await trx('cases')
    .where({ id })
    .update({ ...changes, updated_at: trx.fn.now() });
}

export async function findCaseIdByReference(knex: Knex, reference: string): Promise<number | undefined> {
  const row = await knex('cases').select<{ id: number }>('id').where({ reference }).first();
  return row?.id;
}

/** Sets the assignee of many cases at once; returns their ids and references (for the audit trail). */
export async function assignCases(
  trx: Knex.Transaction,
  ids: number[],
  assigneeId: number | null,
): Promise<{ id: number; reference: string; language: Language }[]> {
  return trx('cases').whereIn('id', ids).update({ assignee_id: assigneeId, updated_at: trx.fn.now() }).returning(['id', 'reference', 'language']);
}

/** Flags (or clears) a citizen's reply that nobody responsible has opened yet. */
export async function setReplyPending(trx: Knex.Transaction, caseId: number, pending: boolean): Promise<void> {
  if (pending) await trx('cases').where({ id: caseId }).update({ reply_pending_at: trx.fn.now() });
  else await trx('cases').where({ id: caseId }).whereNotNull('reply_pending_at').update({ reply_pending_at: null });
}

/** The reference of the case a follow-up continues. */
export async function caseReference(knex: Knex, id: number): Promise<string | undefined> {
  const row = await knex('cases').select<{ reference: string }>('reference').where({ id }).first();
  return row?.reference;
}

/** Of these cases, the ones nobody is assigned to, locked (a case officer may only take those). */
export async function lockUnassigned(trx: Knex.Transaction, ids: number[]): Promise<number[]> {
  return trx('cases').whereIn('id', ids).whereNull('assignee_id').forUpdate().pluck<number[]>('id');
}

/** Whether this user may be given cases: an active supervisor or case officer. */
export async function isActiveCaseworker(trx: Knex.Transaction, id: number): Promise<boolean> {
  const row = await trx('staff_users').where({ id }).whereIn('role', CASEWORKER_ROLES).whereNull('disabled_at').first<{ id: number } | undefined>();
  return row !== undefined;
}
