/** Cases and what hangs off them, as the citizen side needs them. */
import type { Knex } from 'knex';
import type { CaseRow, EventRow, MessageRow, PartyRow } from './types.ts';

const DATE_COLUMNS = [
  "to_char(registration_due, 'YYYY-MM-DD') as registration_due",
  "to_char(answer_due, 'YYYY-MM-DD') as answer_due",
  "to_char(information_due, 'YYYY-MM-DD') as information_due",
];

function caseColumns(knex: Knex) {
  return ['cases.*', ...DATE_COLUMNS.map((column) => knex.raw(column))];
}

/** The next number in this year's sequence (a row lock serialises concurrent submissions briefly). */
export async function nextReferenceNumber(trx: Knex.Transaction, year: number): Promise<number> {
  const result = await trx.raw<{ rows: { last_value: number }[] }>(
    `insert into case_reference_counters (year, last_value) values (?, 1)
     on conflict (year) do update set last_value = case_reference_counters.last_value + 1
     returning last_value`,
    [year],
  );
  const [row] = result.rows;
  if (!row) throw new Error('no reference number');
  return row.last_value;
}

export async function insertCase(
  trx: Knex.Transaction,
  row: Omit<CaseRow, 'id' | 'status' | 'created_at' | 'updated_at' | 'closed_at' | 'access_code_hash' | 'access_code_version'> & { access_code_hash: string },
): Promise<number> {
  const [inserted] = await trx('cases')
    .insert({ ...row, answers: JSON.stringify(row.answers) })
    .returning<{ id: number }[]>('id');
  if (!inserted) throw new Error('case not created');
  return inserted.id;
}

export async function insertParty(trx: Knex.Transaction, party: Omit<PartyRow, 'id'>): Promise<void> {
  await trx('case_parties').insert(party);
}

/** One timeline event, at the time it is written unless `occurred_at` says otherwise (demo and volume data). */
export async function insertEvent(trx: Knex.Transaction, event: Omit<EventRow, 'id' | 'occurred_at'> & { occurred_at?: Date }): Promise<void> {
  await trx('case_events').insert({ ...event, data: JSON.stringify(event.data) });
}

export async function findCaseBySubmissionToken(knex: Knex, token: string): Promise<CaseRow | undefined> {
  return knex('cases').select(caseColumns(knex)).where({ submission_token: token }).first<CaseRow | undefined>();
}

export async function findCaseByReference(knex: Knex, reference: string): Promise<CaseRow | undefined> {
  return knex('cases').select(caseColumns(knex)).where({ reference }).first<CaseRow | undefined>();
}

export async function findCaseById(knex: Knex, id: number): Promise<CaseRow | undefined> {
  return knex('cases').select(caseColumns(knex)).where({ id }).first<CaseRow | undefined>();
}

/** The case row, locked until the transaction ends (a status change decided on what it reads). */
export async function lockCaseById(trx: Knex.Transaction, id: number): Promise<CaseRow | undefined> {
  return trx('cases').where({ id }).forUpdate().first<CaseRow | undefined>();
}

export async function caseParties(knex: Knex, caseId: number): Promise<PartyRow[]> {
  return knex<PartyRow>('case_parties').where({ case_id: caseId }).orderBy('id');
}

export async function citizenTimeline(knex: Knex, caseId: number): Promise<EventRow[]> {
  return knex<EventRow>('case_events')
    .where({ case_id: caseId, visible_to_citizen: true })
    .orderBy([{ column: 'occurred_at' }, { column: 'id' }]);
}

export async function caseMessages(knex: Knex, caseId: number): Promise<MessageRow[]> {
  return knex<MessageRow>('messages')
    .where({ case_id: caseId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

export async function insertMessage(
  trx: Knex.Transaction,
  message: Omit<MessageRow, 'id' | 'created_at' | 'read_at'> & { template?: string; created_at?: Date },
): Promise<number> {
  const [row] = await trx('messages').insert(message).returning<{ id: number }[]>('id');
  if (!row) throw new Error('message not stored');
  return row.id;
}

export async function markMessagesRead(knex: Knex, caseId: number, direction: MessageRow['direction']): Promise<void> {
  await knex('messages').where({ case_id: caseId, direction }).whereNull('read_at').update({ read_at: knex.fn.now() });
}

export async function updateCaseStatus(trx: Knex.Transaction, caseId: number, status: string, extra: Partial<Pick<CaseRow, 'closed_at'>> = {}): Promise<void> {
  await trx('cases')
    .where({ id: caseId })
    .update({ status, ...extra, updated_at: trx.fn.now() });
}

/** A new access code: its hash replaces the old one, and the version moves on (ending sessions opened with the old). */
export async function setAccessCodeHash(trx: Knex.Transaction, caseId: number, hash: string): Promise<void> {
  await trx('cases')
    .where({ id: caseId })
    .update({ access_code_hash: hash, access_code_set_at: trx.fn.now(), updated_at: trx.fn.now(), access_code_version: trx.raw('access_code_version + 1') });
}

/** The current access-code version of a case, or undefined when the case is gone. */
export async function accessCodeVersion(knex: Knex, caseId: number): Promise<number | undefined> {
  const row = await knex('cases').where({ id: caseId }).first<{ access_code_version: number } | undefined>('access_code_version');
  return row?.access_code_version;
}

export async function insertReceipt(trx: Knex.Transaction, submissionToken: string, caseId: number, codeCiphertext: Buffer): Promise<void> {
  await trx('receipts').insert({ submission_token: submissionToken, case_id: caseId, code_ciphertext: codeCiphertext });
}

/** The receipt's code, removed as it is read: it is shown once. */
export async function takeReceiptCode(knex: Knex, submissionToken: string): Promise<{ caseId: number; code: Buffer | null } | undefined> {
  return knex.transaction(async (trx) => {
    const row = await trx('receipts')
      .where({ submission_token: submissionToken })
      .forUpdate()
      .first<{ case_id: number; code_ciphertext: Buffer | null } | undefined>();
    if (!row) return undefined;
    if (row.code_ciphertext) await trx('receipts').where({ submission_token: submissionToken }).update({ code_ciphertext: null });
    return { caseId: row.case_id, code: row.code_ciphertext };
  });
}

/**
 * A new reset link. Earlier unused links stay valid until one of the case's links is used: whoever asks again
 * (knowing the reference and address) cannot cancel the link the citizen is about to open.
 */
export async function insertAccessCodeReset(trx: Knex.Transaction, caseId: number, tokenHash: string, expiresAt: Date): Promise<void> {
  await trx('access_code_resets').insert({ case_id: caseId, token_hash: tokenHash, expires_at: expiresAt });
}

/** Reset links created for a case in the last `minutes` minutes. */
export async function recentAccessCodeResets(knex: Knex, caseId: number, minutes: number): Promise<number> {
  const row = await knex('access_code_resets')
    .where({ case_id: caseId })
    .andWhere('created_at', '>', knex.raw('now() - make_interval(mins => ?)', [minutes]))
    .count<{ count: number }[]>('* as count')
    .first();
  return row?.count ?? 0;
}

/**
 * Consumes a reset link: returns its case if the link is valid, unused and unexpired, marks it used, and
 * cancels the case's other unused links (the code they would replace is replaced now).
 */
export async function useAccessCodeReset(trx: Knex.Transaction, tokenHash: string): Promise<number | undefined> {
  const rows = await trx('access_code_resets')
    .where({ token_hash: tokenHash })
    .whereNull('used_at')
    .andWhere('expires_at', '>', trx.fn.now())
    .update({ used_at: trx.fn.now() })
    .returning<{ case_id: number }[]>('case_id');
  const caseId = rows[0]?.case_id;
  if (caseId !== undefined) await trx('access_code_resets').where({ case_id: caseId }).whereNull('used_at').update({ used_at: trx.fn.now() });
  return caseId;
}

export async function deleteStaleReceipts(knex: Knex, olderThanHours: number): Promise<number> {
  return knex('receipts')
    .where('created_at', '<', knex.raw('now() - make_interval(hours => ?)', [olderThanHours]))
    .delete();
}

export async function holidaySet(knex: Knex, from: string, to: string): Promise<Set<string>> {
  const rows = await knex('holidays').whereBetween('day', [from, to]).select<{ day: string }[]>(knex.raw("to_char(day, 'YYYY-MM-DD') as day"));
  return new Set(rows.map((row) => row.day));
}

/** The newest cases about a register entry: reference, type and status only (no one's personal data). */
export async function casesAboutOrganisation(
  knex: Knex,
  organisationId: number,
  limit = 50,
): Promise<{ reference: string; type: CaseRow['type']; status: string; received_at: Date }[]> {
  return knex('cases')
    .where('organisation_id', organisationId)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .select('reference', 'type', 'status', 'received_at');
}

/** The cases about one register entry moved to another (a duplicate merged into it). */
export async function relinkOrganisationCases(trx: Knex.Transaction, fromId: number, toId: number): Promise<number> {
  return trx('cases').where('organisation_id', fromId).update({ organisation_id: toId });
}

/** A holder's request to remove this entry from the register that is still being reviewed, if there is one. */
export async function openDeregistration(knex: Knex, organisationId: number): Promise<{ reference: string } | undefined> {
  return knex('cases')
    .where({ type: 'registration', organisation_id: organisationId })
    .whereIn('status', ['submitted', 'in_review', 'returned'])
    .whereRaw(`answers -> 'deregisters' is not null`)
    .first('reference');
}
