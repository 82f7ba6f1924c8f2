/** Decisions (proposed, returned, approved) and the case's files, with which decision each belongs to. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';

export interface DecisionRow {
  id: number;
  case_id: number;
  status: 'proposed' | 'returned' | 'approved';
  outcome: string;
  reasons: string;
  legal_basis: string;
  language: Language;
  proposed_by: number | null;
  proposer_name: string | null;
  proposed_at: Date;
  reviewed_by: number | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  decision_hash: string | null;
  pdf_sha256: string | null;
}

function decisionQuery(knex: Knex) {
  return knex('case_decisions')
    .leftJoin('staff_users as proposer', 'proposer.id', 'case_decisions.proposed_by')
    .leftJoin('staff_users as reviewer', 'reviewer.id', 'case_decisions.reviewed_by')
    .select('case_decisions.*', 'proposer.display_name as proposer_name', 'reviewer.display_name as reviewer_name');
}

/** Every proposal on a case, oldest first (returned ones stay on the record). */
export async function caseDecisions(knex: Knex, caseId: number): Promise<DecisionRow[]> {
  return decisionQuery(knex)
    .where('case_decisions.case_id', caseId)
    .orderBy([{ column: 'case_decisions.proposed_at' }, { column: 'case_decisions.id' }]);
}

/** The decision the citizen was given last (a reopened case may be decided again). */
export async function issuedDecision(knex: Knex, caseId: number): Promise<DecisionRow | undefined> {
  return decisionQuery(knex)
    .where({ 'case_decisions.case_id': caseId, 'case_decisions.status': 'approved' })
    .orderBy('case_decisions.reviewed_at', 'desc')
    .first<DecisionRow | undefined>();
}

/** The proposal waiting for review, locked with the case for the change that reviews it. */
export async function proposedDecision(trx: Knex.Transaction, caseId: number): Promise<DecisionRow | undefined> {
  return trx('case_decisions').where({ case_id: caseId, status: 'proposed' }).forUpdate().first<DecisionRow | undefined>();
}

export async function insertDecision(
  trx: Knex.Transaction,
  row: Pick<DecisionRow, 'case_id' | 'outcome' | 'reasons' | 'legal_basis' | 'language' | 'proposed_by'>,
): Promise<number> {
  const [inserted] = await trx('case_decisions').insert(row).returning<{ id: number }[]>('id');
  if (!inserted) throw new Error('decision not stored');
  return inserted.id;
}

export async function reviewDecision(
  trx: Knex.Transaction,
  id: number,
  review: Pick<DecisionRow, 'status' | 'reviewed_by' | 'review_note'> & Partial<Pick<DecisionRow, 'decision_hash' | 'pdf_sha256'>>,
): Promise<void> {
  await trx('case_decisions')
    .where({ id })
    .update({ ...review, reviewed_at: trx.fn.now() });
}

/** Files attached to decisions, and the decision PDFs: which decision each belongs to. */
export async function decisionFileIds(knex: Knex, caseId: number): Promise<Map<string, { decisionId: number; purpose: string }>> {
  const rows = await knex('attachments')
    .where({ case_id: caseId })
    .whereNotNull('decision_id')
    .select<{ id: string; decision_id: number; purpose: string }[]>('id', 'decision_id', 'purpose');
  return new Map(rows.map((row) => [row.id, { decisionId: row.decision_id, purpose: row.purpose }]));
}

/** Files of decisions not (yet) issued to the citizen: proposals under review or returned. */
export async function unissuedDecisionFileIds(knex: Knex, caseId: number): Promise<Set<string>> {
  const ids = await knex('attachments')
    .join('case_decisions', 'case_decisions.id', 'attachments.decision_id')
    .where('attachments.case_id', caseId)
    .whereNot('case_decisions.status', 'approved')
    .pluck<string[]>('attachments.id');
  return new Set(ids);
}

export async function linkFilesToDecision(trx: Knex.Transaction, ids: readonly string[], decisionId: number): Promise<void> {
  if (ids.length > 0) await trx('attachments').whereIn('id', ids).update({ decision_id: decisionId });
}
