/** Queries of retention: closed cases past their period, the anonymisation of one case, and legal holds. */
import type { Knex } from 'knex';
import type { RetentionConfig } from '../../config.ts';

const EXPIRING_STATUSES = ['closed', 'inadmissible', 'referred', 'withdrawn', 'refused'];

/** Up to `limit` cases past their retention period at `now`, not held and not yet anonymised, oldest closure first. */
export async function expiredCaseIds(knex: Knex, now: Date, years: RetentionConfig['years'], limit: number): Promise<number[]> {
  const rows = await knex('cases')
    .select('id')
    .whereNull('anonymised_at')
    .whereNotNull('closed_at')
    .where('legal_hold', false)
    .whereIn('status', EXPIRING_STATUSES)
    .where((query) => {
      for (const [type, count] of Object.entries(years)) {
        query.orWhere((one) => {
          one.where('type', type).whereRaw('closed_at <= ?::timestamptz - make_interval(years => ?)', [now, count]);
        });
      }
    })
    .orderBy([{ column: 'closed_at' }, { column: 'id' }])
    .limit(limit);
  return rows.map((row: { id: string | number }) => Number(row.id));
}

export interface LockedCase {
  id: number;
  reference: string;
  type: keyof RetentionConfig['years'];
  status: string;
  closed_at: Date | null;
  legal_hold: boolean;
  anonymised_at: Date | null;
  answers: Record<string, unknown>;
  decision_text: string | null;
}

export async function caseIdByReference(knex: Knex, reference: string): Promise<number | undefined> {
  const row = await knex('cases').select('id').where({ reference }).first<{ id: string | number } | undefined>();
  return row ? Number(row.id) : undefined;
}

export async function lockCaseForRetention(trx: Knex.Transaction, caseId: number): Promise<LockedCase | undefined> {
  return trx<LockedCase>('cases')
    .select('id', 'reference', 'type', 'status', 'closed_at', 'legal_hold', 'anonymised_at', 'answers', 'decision_text')
    .where({ id: caseId })
    .forUpdate()
    .first();
}

/** Everything that names or reaches the case's people, to find it in texts that are kept. */
export async function personalValues(trx: Knex.Transaction, caseId: number): Promise<(string | null)[]> {
  const parties = await trx('case_parties').select('full_name', 'email', 'phone', 'postal_address', 'position').where({ case_id: caseId });
  const corrections = await trx('case_contact_corrections').select('old_value', 'new_value').where({ case_id: caseId });
  return [
    ...parties.flatMap((party: Record<string, string | null>) => [party.full_name, party.email, party.phone, party.postal_address, party.position]),
    ...corrections.flatMap((row: Record<string, string | null>) => [row.old_value, row.new_value]),
  ].map((value) => value ?? null);
}

export async function decisionTexts(trx: Knex.Transaction, caseId: number): Promise<{ id: number; reasons: string; legal_basis: string }[]> {
  return trx('case_decisions').select('id', 'reasons', 'legal_basis').where({ case_id: caseId });
}

export async function updateDecisionText(trx: Knex.Transaction, id: number, texts: { reasons: string; legal_basis: string }): Promise<void> {
  await trx('case_decisions')
    .where({ id })
    .update({ ...texts, review_note: null });
}

/** Removes the people's names and contacts, messages' and notes' texts, files, codes and e-mails of one case; the counts of what went. */
export async function scrubCase(trx: Knex.Transaction, found: LockedCase, kept: { answers: Record<string, unknown>; decisionText: string | null }) {
  const id = found.id;
  const parties = await trx('case_parties')
    .where({ case_id: id })
    .update({ full_name: null, email: null, postal_address: null, phone: null, position: null, updated_at: trx.fn.now() });
  const messages = await trx('messages').where({ case_id: id }).whereNot('body', '').update({ body: '' });
  const notes = await trx('case_notes').where({ case_id: id }).whereNot('body', '').update({ body: '' });
  const files = await trx('attachments').where({ case_id: id }).delete();
  const corrections = await trx('case_contact_corrections').where({ case_id: id }).delete();
  const mails = await trx('mail_outbox').where({ case_id: id }).delete();
  await trx('receipts').where({ case_id: id }).delete();
  await trx('access_code_resets').where({ case_id: id }).delete();
  await trx('case_legal_holds')
    .where({ case_id: id })
    .update({ reason: '', lift_reason: trx.raw("case when lift_reason is null then null else '' end") });
  // Event data holds codes; a returned proposal's note (or any other text with spaces) goes.
  await trx.raw(
    `update case_events set data = (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(data)
       where key <> 'note' and (jsonb_typeof(value) <> 'string' or value #>> '{}' !~ '\\s'))
     where case_id = ? and data <> '{}'::jsonb`,
    [id],
  );
  await trx('cases')
    .where({ id })
    .update({ answers: kept.answers, decision_text: kept.decisionText, access_code_hash: null, anonymised_at: trx.fn.now(), updated_at: trx.fn.now() });
  return { parties, messages, notes, files, corrections, mails };
}

export interface HoldRow {
  id: number;
  case_id: number;
  reason: string;
  set_by: number | null;
  set_at: Date;
  lift_reason: string | null;
  lifted_by: number | null;
  lifted_at: Date | null;
  set_by_name?: string | null;
  lifted_by_name?: string | null;
}

export async function caseHolds(knex: Knex, caseId: number): Promise<HoldRow[]> {
  return knex('case_legal_holds as h')
    .leftJoin('staff_users as s', 's.id', 'h.set_by')
    .leftJoin('staff_users as l', 'l.id', 'h.lifted_by')
    .select('h.*', 's.display_name as set_by_name', 'l.display_name as lifted_by_name')
    .where('h.case_id', caseId)
    .orderBy('h.set_at', 'desc');
}

export async function insertHold(trx: Knex.Transaction, caseId: number, reason: string, staffId: number): Promise<number> {
  const rows: { id: string | number }[] = await trx('case_legal_holds').insert({ case_id: caseId, reason, set_by: staffId }).returning('id');
  await trx('cases').where({ id: caseId }).update({ legal_hold: true, updated_at: trx.fn.now() });
  return Number(rows[0]?.id);
}

export async function liftHold(trx: Knex.Transaction, caseId: number, reason: string, staffId: number): Promise<number | undefined> {
  const rows: { id: string | number }[] = await trx('case_legal_holds')
    .where({ case_id: caseId })
    .whereNull('lifted_at')
    .update({ lift_reason: reason, lifted_by: staffId, lifted_at: trx.fn.now() })
    .returning('id');
  await trx('cases').where({ id: caseId }).update({ legal_hold: false, updated_at: trx.fn.now() });
  return rows[0] ? Number(rows[0].id) : undefined;
}
