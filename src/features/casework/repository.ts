/** The back office's reads and writes on cases: the queue (keyset pages), the case file, notes, links, assignment. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { CaseType } from '../cases/repository.ts';
import { OPEN_STATUSES, TRIAGE_STATUSES } from '../cases/workflow.ts';

export interface QueueFilter {
  status: string;
  type?: CaseType;
  /** A staff id, 'none' for unassigned, or undefined for anyone. */
  assignee?: number | 'none';
  sector?: string;
  language?: Language;
  due?: 'overdue' | 'soon';
  /** Only cases with a citizen's reply nobody responsible has opened yet. */
  reply?: 'new';
  today: string;
  soonUntil: string;
  from?: string;
  to?: string;
  q?: string;
  /** Whose answers the free text may match (see personalDataScope); references and organisations always. */
  searchScope?: { kind: 'all' } | { kind: 'assigned'; staffId: number } | { kind: 'none' };
  sort: 'deadline' | 'received';
  after?: [string, number];
}

export interface QueueRow {
  id: number;
  reference: string;
  type: CaseType;
  status: string;
  language: Language;
  organisation_name: string;
  sector: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  received_at: Date;
  received_key: string;
  answer_due: string;
  registration_due: string;
  paused_at: Date | null;
  reply_pending_at: Date | null;
}

const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{6}$/;
const ACTIVE_CLOCK = OPEN_STATUSES.filter((status) => status !== 'awaiting_information');

/** Cases whose `answer_due` is a target still to meet (workflow.ts `caseTarget`, in SQL). */
function withTarget(query: Knex.QueryBuilder): void {
  query.whereIn('cases.status', ACTIVE_CLOCK).where((target) => {
    target.whereNot('cases.type', 'report').orWhereIn('cases.status', TRIAGE_STATUSES);
  });
}

function applyFilters(query: Knex.QueryBuilder, filter: QueueFilter): void {
  if (filter.status === 'open') query.whereIn('cases.status', OPEN_STATUSES);
  else if (filter.status !== 'all') query.where('cases.status', filter.status);
  if (filter.type) query.where('cases.type', filter.type);
  if (filter.assignee === 'none') query.whereNull('cases.assignee_id');
  else if (filter.assignee !== undefined) query.where('cases.assignee_id', filter.assignee);
  if (filter.sector) query.where('cases.sector', filter.sector);
  if (filter.language) query.where('cases.language', filter.language);
  // A paused clock (awaiting information) is neither overdue nor due soon; nor is a report once triaged.
  if (filter.due === 'overdue') withTarget(query.where('cases.answer_due', '<', filter.today));
  if (filter.due === 'soon') withTarget(query.whereBetween('cases.answer_due', [filter.today, filter.soonUntil]));
  if (filter.reply === 'new') query.whereNotNull('cases.reply_pending_at');
  if (filter.from) query.whereRaw(`cases.received_at >= (?::date)::timestamp at time zone 'Asia/Bishkek'`, [filter.from]);
  if (filter.to) query.whereRaw(`cases.received_at < (?::date + 1)::timestamp at time zone 'Asia/Bishkek'`, [filter.to]);
  if (filter.q) {
    const q = filter.q;
    if (REFERENCE.test(q.toUpperCase())) query.where('cases.reference', q.toUpperCase());
    else {
      const scope = filter.searchScope ?? { kind: 'none' };
      query.where((inner) => {
        inner.whereRaw('cases.organisation_name ilike ?', [`%${q.replace(/[\\%_]/g, '\\$&')}%`]);
        // The answers' words, only where the searcher may read the answers.
        if (scope.kind === 'all') inner.orWhereRaw(`cases.search_vector @@ plainto_tsquery('simple', ?)`, [q]);
        if (scope.kind === 'assigned') {
          inner.orWhere((mine) => {
            mine.where('cases.assignee_id', scope.staffId).whereRaw(`cases.search_vector @@ plainto_tsquery('simple', ?)`, [q]);
          });
        }
      });
    }
  }
}

/** One page in keyset order: by deadline (earliest first) or by received date (newest first). */
export async function queuePage(knex: Knex, filter: QueueFilter, pageSize: number): Promise<{ rows: QueueRow[]; next?: [string, number] }> {
  const query = knex('cases')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select(
      'cases.id',
      'cases.reference',
      'cases.type',
      'cases.status',
      'cases.language',
      'cases.organisation_name',
      'cases.sector',
      'cases.assignee_id',
      'staff_users.display_name as assignee_name',
      'cases.received_at',
      'cases.paused_at',
      'cases.reply_pending_at',
      knex.raw('cases.received_at::text as received_key'),
      knex.raw(`to_char(cases.answer_due, 'YYYY-MM-DD') as answer_due`),
      knex.raw(`to_char(cases.registration_due, 'YYYY-MM-DD') as registration_due`),
    )
    .limit(pageSize + 1);
  applyFilters(query, filter);
  if (filter.sort === 'deadline') {
    if (filter.after) query.whereRaw('(cases.answer_due, cases.id) > (?::date, ?)', filter.after);
    query.orderBy([{ column: 'cases.answer_due' }, { column: 'cases.id' }]);
  } else {
    if (filter.after) query.whereRaw('(cases.received_at, cases.id) < (?::timestamptz, ?)', filter.after);
    query.orderBy([{ column: 'cases.received_at', order: 'desc' }, { column: 'cases.id', order: 'desc' }]);
  }
  const rows = (await query) as QueueRow[];
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const next: [string, number] | undefined = rows.length > pageSize && last ? [filter.sort === 'deadline' ? last.answer_due : last.received_key, last.id] : undefined;
  return { rows: page, next };
}

/** Cases per status, kept by triggers (no counting at query time). */
export async function statusCounts(knex: Knex): Promise<Record<string, number>> {
  const rows = await knex('case_status_counts').select<{ status: string; count: number }[]>('status', 'count');
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

export interface CaseFileRow {
  id: number;
  reference: string;
  type: CaseType;
  status: string;
  language: Language;
  organisation_name: string;
  organisation_inn: string | null;
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
  assignee_id: number | null;
  assignee_name: string | null;
  reply_pending_at: Date | null;
  information_due: string | null;
}

export async function findCaseFile(knex: Knex, reference: string): Promise<CaseFileRow | undefined> {
  return knex('cases')
    .leftJoin('staff_users', 'staff_users.id', 'cases.assignee_id')
    .select(
      'cases.id', 'cases.reference', 'cases.type', 'cases.status', 'cases.language', 'cases.organisation_name', 'cases.organisation_inn', 'cases.sector',
      'cases.anonymous', 'cases.answers', 'cases.follow_up_of', 'cases.received_at', 'cases.registered_at', 'cases.paused_at', 'cases.paused_working_days',
      'cases.decided_at', 'cases.decision', 'cases.decision_text', 'cases.reason_code', 'cases.referred_to', 'cases.closed_at', 'cases.assignee_id',
      'cases.reply_pending_at', 'staff_users.display_name as assignee_name',
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
  return trx('cases').select('id', 'status', 'assignee_id').where({ id }).forUpdate().first<{ id: number; status: string; assignee_id: number | null } | undefined>();
}

export async function updateCase(trx: Knex.Transaction, id: number, changes: Record<string, unknown>): Promise<void> {
  await trx('cases').where({ id }).update({ ...changes, updated_at: trx.fn.now() });
}

export interface TimelineRow {
  id: number;
  occurred_at: Date;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  visible_to_citizen: boolean;
  actor_type: string;
  actor_name: string | null;
  data: Record<string, unknown>;
}

export async function staffTimeline(knex: Knex, caseId: number): Promise<TimelineRow[]> {
  return knex('case_events')
    .leftJoin('staff_users', (join) => join.on(knex.raw(`case_events.actor_type = 'staff' and case_events.actor_id = staff_users.id::text`)))
    .select('case_events.id', 'case_events.occurred_at', 'case_events.kind', 'case_events.from_status', 'case_events.to_status', 'case_events.visible_to_citizen', 'case_events.actor_type', 'case_events.data', 'staff_users.display_name as actor_name')
    .where('case_events.case_id', caseId)
    .orderBy([{ column: 'case_events.occurred_at' }, { column: 'case_events.id' }]);
}

export interface NoteRow {
  id: number;
  body: string;
  created_at: Date;
  author: string | null;
}

export async function caseNotes(knex: Knex, caseId: number): Promise<NoteRow[]> {
  return knex('case_notes').leftJoin('staff_users', 'staff_users.id', 'case_notes.staff_id').select('case_notes.id', 'case_notes.body', 'case_notes.created_at', 'staff_users.display_name as author').where('case_notes.case_id', caseId).orderBy('case_notes.created_at');
}

export async function insertNote(trx: Knex.Transaction, caseId: number, staffId: number, body: string): Promise<void> {
  await trx('case_notes').insert({ case_id: caseId, staff_id: staffId, body });
}

export interface LinkRow {
  reference: string;
  kind: string;
  status: string;
  organisation_name: string;
}

/** Links in both directions: a duplicate link made from either case shows on both. */
export async function caseLinks(knex: Knex, caseId: number): Promise<LinkRow[]> {
  return knex
    .select('cases.reference', 'links.kind', 'cases.status', 'cases.organisation_name')
    .from(
      knex.raw(`(select linked_case_id as other, kind from case_links where case_id = ? union select case_id as other, kind from case_links where linked_case_id = ?) as links`, [caseId, caseId]),
    )
    .join('cases', 'cases.id', 'links.other')
    .orderBy('cases.reference');
}

export async function insertLink(trx: Knex.Transaction, caseId: number, linkedCaseId: number, kind: string, staffId: number): Promise<boolean> {
  const inserted = await trx('case_links').insert({ case_id: caseId, linked_case_id: linkedCaseId, kind, created_by: staffId }).onConflict(['case_id', 'linked_case_id']).ignore().returning('case_id');
  return inserted.length > 0;
}

export async function findCaseIdByReference(knex: Knex, reference: string): Promise<number | undefined> {
  const row = await knex('cases').select<{ id: number }>('id').where({ reference }).first();
  return row?.id;
}

/** Sets the assignee of many cases at once; returns their ids and references (for the audit trail). */
export async function assignCases(trx: Knex.Transaction, ids: number[], assigneeId: number | null): Promise<{ id: number; reference: string; language: Language }[]> {
  return trx('cases').whereIn('id', ids).update({ assignee_id: assigneeId, updated_at: trx.fn.now() }).returning(['id', 'reference', 'language']);
}

/** Open cases of one officer whose answer is due by `until` (the daily digest). */
export async function dueSoonFor(knex: Knex, staffId: number, until: string): Promise<{ reference: string; answer_due: string; status: string }[]> {
  const query = knex('cases')
    .select('reference', 'status', knex.raw(`to_char(answer_due, 'YYYY-MM-DD') as answer_due`))
    .where('assignee_id', staffId)
    .where('answer_due', '<=', until)
    .orderBy([{ column: 'answer_due' }, { column: 'id' }])
    .limit(200);
  withTarget(query);
  return query;
}

export async function officersWithCases(knex: Knex): Promise<{ id: number; email: string; language: Language; display_name: string }[]> {
  return knex('staff_users')
    .select('id', 'email', 'language', 'display_name')
    .whereNull('disabled_at')
    .whereNotNull('totp_enrolled_at')
    .whereExists(knex('cases').select(knex.raw('1')).whereRaw('cases.assignee_id = staff_users.id').whereIn('cases.status', ACTIVE_CLOCK));
}

export async function holidayNames(knex: Knex, from: string, to: string): Promise<Map<string, { ky: string; ru: string; en: string }>> {
  const rows = await knex('holidays')
    .whereBetween('day', [from, to])
    .select<{ day: string; name_ky: string; name_ru: string; name_en: string }[]>(knex.raw("to_char(day, 'YYYY-MM-DD') as day"), 'name_ky', 'name_ru', 'name_en');
  return new Map(rows.map((row) => [row.day, { ky: row.name_ky, ru: row.name_ru, en: row.name_en }]));
}

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
  return decisionQuery(knex).where('case_decisions.case_id', caseId).orderBy([{ column: 'case_decisions.proposed_at' }, { column: 'case_decisions.id' }]);
}

/** The decision the citizen was given last (a reopened case may be decided again). */
export async function issuedDecision(knex: Knex, caseId: number): Promise<DecisionRow | undefined> {
  return decisionQuery(knex).where({ 'case_decisions.case_id': caseId, 'case_decisions.status': 'approved' }).orderBy('case_decisions.reviewed_at', 'desc').first<DecisionRow | undefined>();
}

/** The proposal waiting for review, locked with the case for the change that reviews it. */
export async function proposedDecision(trx: Knex.Transaction, caseId: number): Promise<DecisionRow | undefined> {
  return trx('case_decisions').where({ case_id: caseId, status: 'proposed' }).forUpdate().first<DecisionRow | undefined>();
}

export async function insertDecision(trx: Knex.Transaction, row: Pick<DecisionRow, 'case_id' | 'outcome' | 'reasons' | 'legal_basis' | 'language' | 'proposed_by'>): Promise<number> {
  const [inserted] = await trx('case_decisions').insert(row).returning<{ id: number }[]>('id');
  if (!inserted) throw new Error('decision not stored');
  return inserted.id;
}

export async function reviewDecision(trx: Knex.Transaction, id: number, review: Pick<DecisionRow, 'status' | 'reviewed_by' | 'review_note'> & Partial<Pick<DecisionRow, 'decision_hash' | 'pdf_sha256'>>): Promise<void> {
  await trx('case_decisions').where({ id }).update({ ...review, reviewed_at: trx.fn.now() });
}

/** Files attached to decisions, and the decision PDFs: which decision each belongs to. */
export async function decisionFileIds(knex: Knex, caseId: number): Promise<Map<string, { decisionId: number; purpose: string }>> {
  const rows = await knex('attachments').where({ case_id: caseId }).whereNotNull('decision_id').select<{ id: string; decision_id: number; purpose: string }[]>('id', 'decision_id', 'purpose');
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

/** Flags (or clears) a citizen's reply that nobody responsible has opened yet. */
export async function setReplyPending(trx: Knex.Transaction, caseId: number, pending: boolean): Promise<void> {
  if (pending) await trx('cases').where({ id: caseId }).update({ reply_pending_at: trx.fn.now() });
  else await trx('cases').where({ id: caseId }).whereNotNull('reply_pending_at').update({ reply_pending_at: null });
}

export interface StaffContact {
  id: number;
  email: string;
  language: Language;
}

/** Active supervisors (they review proposed decisions). */
export async function supervisorContacts(knex: Knex, except?: number): Promise<StaffContact[]> {
  const query = knex('staff_users').select('id', 'email', 'language').where('role', 'supervisor').whereNull('disabled_at').whereNotNull('totp_enrolled_at');
  if (except !== undefined) query.whereNot('id', except);
  return query.orderBy('id');
}

export async function staffContact(knex: Knex, id: number): Promise<StaffContact | undefined> {
  return knex('staff_users').select('id', 'email', 'language').where({ id }).whereNull('disabled_at').whereNotNull('totp_enrolled_at').first<StaffContact | undefined>();
}
