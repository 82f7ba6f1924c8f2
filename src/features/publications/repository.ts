/** Storage of published decisions: the draft, its approval and withdrawal, and the public list and entry. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { CONTENT_CHANGED_CHANNEL } from '../content/service.ts';

export interface PublicationRow {
  id: number;
  case_id: number;
  decision_id: number;
  status: 'draft' | 'approved' | 'withdrawn';
  language: Language;
  text: string;
  summary_ky: string | null;
  summary_ru: string | null;
  summary_en: string | null;
  outcome: string;
  sector: string | null;
  organisation_name: string;
  decided_on: string;
  prepared_by: number | null;
  prepared_at: Date;
  approved_by: number | null;
  approved_at: Date | null;
  withdrawn_at: Date | null;
}

export type PublicationWithNames = PublicationRow & { preparer_name: string | null; approver_name: string | null };

function withDay(knex: Knex) {
  return knex.raw(`to_char(published_decisions.decided_on, 'YYYY-MM-DD') as decided_on`);
}

export async function publicationOfCase(knex: Knex, caseId: number): Promise<PublicationWithNames | undefined> {
  return knex('published_decisions')
    .leftJoin('staff_users as preparer', 'preparer.id', 'published_decisions.prepared_by')
    .leftJoin('staff_users as approver', 'approver.id', 'published_decisions.approved_by')
    .select('published_decisions.*', withDay(knex), 'preparer.display_name as preparer_name', 'approver.display_name as approver_name')
    .where('published_decisions.case_id', caseId)
    .first<PublicationWithNames | undefined>();
}

/** Locks the case's publication for a change (undefined: none yet). */
export async function lockPublication(trx: Knex.Transaction, caseId: number): Promise<PublicationRow | undefined> {
  return trx('published_decisions').where({ case_id: caseId }).forUpdate().first<PublicationRow | undefined>();
}

export type DraftRow = Pick<
  PublicationRow,
  | 'case_id'
  | 'decision_id'
  | 'language'
  | 'text'
  | 'summary_ky'
  | 'summary_ru'
  | 'summary_en'
  | 'outcome'
  | 'sector'
  | 'organisation_name'
  | 'decided_on'
  | 'prepared_by'
>;

/** Stores the draft (a new one, or the case's again): back to draft, any approval or withdrawal cleared. */
export async function saveDraft(trx: Knex.Transaction, row: DraftRow): Promise<number> {
  const reset = { status: 'draft', prepared_at: trx.fn.now(), approved_by: null, approved_at: null, withdrawn_by: null, withdrawn_at: null };
  const [saved] = await trx('published_decisions')
    .insert({ ...row, ...reset })
    .onConflict('case_id')
    .merge()
    .returning<{ id: number }[]>('id');
  if (!saved) throw new Error('publication not stored');
  return saved.id;
}

export async function setStatus(trx: Knex.Transaction, id: number, change: { status: 'approved' | 'withdrawn'; by: number }): Promise<void> {
  const columns =
    change.status === 'approved' ? { approved_by: change.by, approved_at: trx.fn.now() } : { withdrawn_by: change.by, withdrawn_at: trx.fn.now() };
  await trx('published_decisions')
    .where({ id })
    .update({ status: change.status, ...columns });
}

/** Tells every instance that public pages changed (their page caches are cleared: app.ts). */
export async function announceChange(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_notify(?, ?)', [CONTENT_CHANGED_CHANNEL, 'decisions']);
}

export interface ListFilter {
  q?: string;
  offset: number;
  limit: number;
}

function published(knex: Knex, q: string | undefined) {
  const query = knex('published_decisions').where('status', 'approved');
  if (q) {
    query.where((inner) => {
      inner.whereRaw(`search @@ plainto_tsquery('simple', ?)`, [q]).orWhereRaw('organisation_name ilike ?', [`%${q.replace(/[\\%_]/g, '\\$&')}%`]);
    });
  }
  return query;
}

/** One page of published decisions, newest first, and how many there are in all. */
export async function listPublished(knex: Knex, filter: ListFilter): Promise<{ rows: PublicationRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    published(knex, filter.q)
      .select('*', withDay(knex))
      .orderBy([
        { column: 'published_decisions.decided_on', order: 'desc' },
        { column: 'published_decisions.id', order: 'desc' },
      ])
      .offset(filter.offset)
      .limit(filter.limit) as Promise<PublicationRow[]>,
    published(knex, filter.q).count<{ count: string }[]>('* as count'),
  ]);
  return { rows, total: Number(count[0]?.count ?? 0) };
}

export async function findPublished(knex: Knex, id: number): Promise<PublicationRow | undefined> {
  return knex('published_decisions').select('*', withDay(knex)).where({ id, status: 'approved' }).first<PublicationRow | undefined>();
}
