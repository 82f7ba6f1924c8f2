/** The queue's reads: keyset pages with their filters, the counts per status, the officers' digest lists. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { clockRunning, OPEN_STATUSES, TRIAGE_STATUSES } from '../cases/workflow.ts';
import type { CaseType } from '../cases/types.ts';

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
const ACTIVE_CLOCK = OPEN_STATUSES.filter(clockRunning);

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
    query.orderBy([
      { column: 'cases.received_at', order: 'desc' },
      { column: 'cases.id', order: 'desc' },
    ]);
  }
  const rows = (await query) as QueueRow[];
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const next: [string, number] | undefined =
    rows.length > pageSize && last ? [filter.sort === 'deadline' ? last.answer_due : last.received_key, last.id] : undefined;
  return { rows: page, next };
}

/** Cases per status, kept by triggers (no counting at query time). */
export async function statusCounts(knex: Knex): Promise<Record<string, number>> {
  const rows = await knex('case_status_counts').select<{ status: string; count: number }[]>('status', 'count');
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
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
