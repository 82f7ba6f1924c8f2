/** Queries of a citizen's corrections to their contact details: the case's person, the change, and its history. */
import type { Knex } from 'knex';

export interface ContactParty {
  id: number;
  full_name: string | null;
  email: string | null;
  phone: string | null;
}

export type ContactField = 'full_name' | 'email' | 'phone';

/** The person who filed the case (complainant, reporter, notifier or contact), if it names one. */
export async function primaryParty(knex: Knex, caseId: number): Promise<ContactParty | undefined> {
  return knex('case_parties').select('id', 'full_name', 'email', 'phone').where({ case_id: caseId }).orderBy('id').first<ContactParty | undefined>();
}

export async function applyCorrection(
  trx: Knex.Transaction,
  caseId: number,
  party: ContactParty,
  changes: { field: ContactField; oldValue: string | null; newValue: string | null }[],
): Promise<void> {
  await trx('case_parties')
    .where({ id: party.id })
    .update({ ...Object.fromEntries(changes.map((change) => [change.field, change.newValue])), updated_at: trx.fn.now() });
  await trx('case_contact_corrections').insert(
    changes.map((change) => ({ case_id: caseId, party_id: party.id, field: change.field, old_value: change.oldValue, new_value: change.newValue })),
  );
  // The officer sees it as they see a reply: the case is flagged until someone opens it.
  await trx('cases').where({ id: caseId }).update({ reply_pending_at: trx.fn.now(), updated_at: trx.fn.now() });
}

export interface CorrectionRow {
  field: ContactField;
  old_value: string | null;
  new_value: string | null;
  created_at: Date;
}

export async function contactCorrections(knex: Knex, caseId: number): Promise<CorrectionRow[]> {
  return knex('case_contact_corrections').select('field', 'old_value', 'new_value', 'created_at').where({ case_id: caseId }).orderBy('id', 'desc');
}
