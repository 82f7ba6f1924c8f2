/** The queue's reads: keyset pages with their filters, the counts per status, the officers' digest lists. */
import type { Knex } from 'knex';
import { perTurn } from '../../db/per-turn.ts';
import { preparedRows, type PreparedRead } from '../../db/prepared.ts';
import type { Language } from '../../config.ts';
import { clockRunning, OPEN_STATUSES, TRIAGE_STATUSES } from '../cases/workflow.ts';
import type { CaseType } from '../cases/types.ts';
import { CASEWORKER_ROLES } from '../staff/permissions.ts';

export interface QueueFilter {
  status: string;
  type?: CaseType;
  /** A staff id, 'none' for unassigned, or undefined for anyone. */
  assignee?: number | 'none';
  sector?: string;
  /** The register number of the organisation the cases are about. */
  organisation?: string;
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
  /** A registration case that asks to remove an entry from the register. */
  deregistration?: boolean;
}

const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{6}$/;
const ACTIVE_CLOCK = OPEN_STATUSES.filter(clockRunning);

/** A report's `answer_due` is a target only while it is triaged (workflow.ts `caseTarget`, in SQL). */
function reportInTriage(query: Knex.QueryBuilder): void {
  query.where((target) => {
    target.whereNot('cases.type', 'report').orWhereIn('cases.status', TRIAGE_STATUSES);
  });
}

/** Cases whose `answer_due` is a target still to meet (workflow.ts `caseTarget`, in SQL). */
function withTarget(query: Knex.QueryBuilder): void {
  reportInTriage(query.whereIn('cases.status', ACTIVE_CLOCK));
}

/**
 * The statuses a filter admits (undefined: any). A deadline filter (overdue, due soon) keeps only those whose
 * clock runs, so a status that cannot be overdue ("closed" and overdue) is refused in SQL at once (`1 = 0`)
 * rather than by reading every closed case.
 */
function statusesOf(filter: QueueFilter): readonly string[] | undefined {
  const chosen = filter.status === 'all' ? undefined : filter.status === 'open' ? OPEN_STATUSES : [filter.status];
  if (!filter.due) return chosen;
  return chosen ? chosen.filter((status) => (ACTIVE_CLOCK as readonly string[]).includes(status)) : ACTIVE_CLOCK;
}

/** The queue filter's conditions on `cases` (the grouped view counts the same cases the list shows). */
export function applyFilters(query: Knex.QueryBuilder, filter: QueueFilter): void {
  const statuses = statusesOf(filter);
  if (statuses?.length === 1) query.where('cases.status', statuses[0]);
  else if (statuses) query.whereIn('cases.status', statuses);
  if (filter.type) query.where('cases.type', filter.type);
  if (filter.assignee === 'none') query.whereNull('cases.assignee_id');
  else if (filter.assignee !== undefined) query.where('cases.assignee_id', filter.assignee);
  if (filter.sector) query.where('cases.sector', filter.sector);
  // The register entry's id, looked up once by its unique number (cases_organisation serves the rest).
  if (filter.organisation) query.whereRaw('cases.organisation_id = (select id from organisations where registration_number = ?)', [filter.organisation]);
  if (filter.language) query.where('cases.language', filter.language);
  // A paused clock (awaiting information) is neither overdue nor due soon; nor is a report once triaged.
  // (The statuses whose clock runs are chosen above, once: a second `status in` squares its share in the plan's estimates.)
  if (filter.due === 'overdue') reportInTriage(query.where('cases.answer_due', '<', filter.today));
  if (filter.due === 'soon') reportInTriage(query.whereBetween('cases.answer_due', [filter.today, filter.soonUntil]));
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

/** A received-date range up to this long, sorted by deadline, is read whole and sorted (see orderBySort). */
const SHORT_RANGE_DAYS = 92;

function shortRange(filter: QueueFilter): boolean {
  return filter.from !== undefined && filter.to !== undefined && Date.parse(filter.to) - Date.parse(filter.from) <= SHORT_RANGE_DAYS * 86_400_000;
}

/**
 * Orders a query by the queue's keyset: by deadline (earliest first) or by received date (newest first). For a
 * short received-date range by deadline, `answer_due + 0` (the same order) keeps PostgreSQL from walking the
 * deadline index: it assumes the range's cases are spread evenly along it and would read every earlier case,
 * where reading the range from cases_received_covering and sorting it takes milliseconds.
 */
function orderBySort(query: Knex.QueryBuilder, sort: QueueFilter['sort'], readRange = false): void {
  if (sort === 'deadline' && readRange) query.orderByRaw('cases.answer_due + 0, cases.id');
  else if (sort === 'deadline') query.orderBy([{ column: 'cases.answer_due' }, { column: 'cases.id' }]);
  else
    query.orderBy([
      { column: 'cases.received_at', order: 'desc' },
      { column: 'cases.id', order: 'desc' },
    ]);
}

/**
 * One page in keyset order. The page's ids are found first, on the filtered columns alone (an index can then
 * answer without reading the table), and only those rows are read and joined to their assignee.
 */
export async function queuePage(knex: Knex, filter: QueueFilter, pageSize: number): Promise<{ rows: QueueRow[]; next?: [string, number] }> {
  const ids = knex('cases')
    .select('cases.id')
    .limit(pageSize + 1);
  applyFilters(ids, filter);
  if (filter.after && filter.sort === 'deadline') ids.whereRaw('(cases.answer_due, cases.id) > (?::date, ?)', filter.after);
  if (filter.after && filter.sort === 'received') ids.whereRaw('(cases.received_at, cases.id) < (?::timestamptz, ?)', filter.after);
  orderBySort(ids, filter.sort, shortRange(filter));
  const query = knex('cases')
    .join(ids.as('page'), 'page.id', 'cases.id')
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
      knex.raw(`(cases.answers -> 'deregisters') is not null as deregistration`),
      knex.raw(`to_char(cases.answer_due, 'YYYY-MM-DD') as answer_due`),
      knex.raw(`to_char(cases.registration_due, 'YYYY-MM-DD') as registration_due`),
    );
  orderBySort(query, filter.sort);
  const rows = (await query) as QueueRow[];
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const next: [string, number] | undefined =
    rows.length > pageSize && last ? [filter.sort === 'deadline' ? last.answer_due : last.received_key, last.id] : undefined;
  return { rows: page, next };
}

interface QueueFrameRows {
  counts: Record<string, number>;
  caseworkers: { id: number; display_name: string; role: string }[];
}

/**
 * What every queue page shows beside its cases, in one statement: the cases per status (kept by triggers, no
 * counting at query time) and the active staff who may be given cases, by name.
 */
const QUEUE_FRAME: PreparedRead = {
  name: 'queue-frame',
  text: `select
           (select coalesce(json_object_agg(status, count), '{}') from case_status_counts) as counts,
           (select coalesce(json_agg(w order by w.display_name), '[]')
              from (select id, display_name, role from staff_users where role = any($1::text[]) and disabled_at is null) as w) as caseworkers`,
};

/** The same for every staff member: read once for all the queue pages of one turn of the event loop (db/per-turn.ts). */
const framePerTurn = perTurn<'frame', QueueFrameRows>(async (knex, asked) => {
  const [row] = await preparedRows<QueueFrameRows & { [column: string]: unknown }>(knex, QUEUE_FRAME, [[...CASEWORKER_ROLES]]);
  return asked.map(() => row ?? { counts: {}, caseworkers: [] });
});

export function queueFrameRows(knex: Knex): Promise<QueueFrameRows> {
  return framePerTurn(knex, 'frame');
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
