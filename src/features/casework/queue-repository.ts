/** The queue's reads: keyset pages with their filters, the counts per status, the officers' digest lists. */
import type { Knex } from 'knex';
import { perTurn } from '../../db/per-turn.ts';
import { preparedRows, type PreparedRead } from '../../db/prepared.ts';
import type { Language } from '../../config.ts';
import type { CaseType } from '../cases/types.ts';
import { daysBetween } from '../../lib/dates.ts';
import { CASEWORKER_ROLES } from '../staff/permissions.ts';
import { ACTIVE_CLOCK, applyFilters, statusesOf, withTarget, type QueueFilter } from './queue-filters-repository.ts';

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

/** A received-date range up to this long, by deadline, is read whole and sorted (orderBySort) or a day at a time. */
const SHORT_RANGE_DAYS = 92;

function shortRange(filter: QueueFilter): boolean {
  return filter.from !== undefined && filter.to !== undefined && daysBetween(filter.from, filter.to) <= SHORT_RANGE_DAYS;
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

/** The page's ids in keyset order, on the filtered columns alone (an index can then answer without the table). */
function pageIds(knex: Knex, filter: QueueFilter, pageSize: number): Knex.QueryBuilder {
  const ids = knex('cases')
    .select('cases.id')
    .limit(pageSize + 1);
  applyFilters(ids, filter);
  if (filter.after && filter.sort === 'deadline') ids.whereRaw('(cases.answer_due, cases.id) > (?::date, ?)', filter.after);
  if (filter.after && filter.sort === 'received') ids.whereRaw('(cases.received_at, cases.id) < (?::timestamptz, ?)', filter.after);
  orderBySort(ids, filter.sort, shortRange(filter));
  return ids;
}

/** A short received-date range by deadline with no filter but the status scope (see readsByDay). */
function mayReadByDay(filter: QueueFilter): filter is QueueFilter & { from: string; to: string } {
  const { type, assignee, sector, organisation, language, due, reply, q } = filter;
  const narrowed = [type, assignee, sector, organisation, language, due, reply, q].some((value) => value !== undefined);
  return filter.sort === 'deadline' && shortRange(filter) && !narrowed;
}

/**
 * Whether a page is read a day at a time (pageIdsByDay): a short received-date range by deadline with no other
 * filter but a status scope that holds at least half of all cases (the counts kept per status), as "all" or
 * "closed" do. A narrower filter leaves few of each day's cases, and the whole range read from an index of its
 * own and sorted (pageIds) is then cheaper than walking each day's cases past those it does not keep.
 */
export function readsByDay(filter: QueueFilter, counts: Record<string, number>): boolean {
  if (!mayReadByDay(filter)) return false;
  const statuses = statusesOf(filter);
  if (!statuses) return true;
  const all = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const chosen = statuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  return chosen * 2 >= all;
}

/**
 * The same ids for a short received-date range by deadline, a Bishkek day at a time: each day's first page's
 * worth in deadline order from cases_received_day_deadline, then the earliest of those. At a million cases a
 * month is 31 × 26 entries read instead of 29,000 read and sorted.
 */
function pageIdsByDay(knex: Knex, filter: QueueFilter & { from: string; to: string }, pageSize: number): Knex.Raw {
  const day = knex('cases')
    .select('cases.id', 'cases.answer_due')
    .whereRaw(`(cases.received_at at time zone 'Asia/Bishkek')::date = ?::date + day.number`, [filter.from])
    .orderBy([{ column: 'cases.answer_due' }, { column: 'cases.id' }])
    .limit(pageSize + 1);
  applyFilters(day, { ...filter, from: undefined, to: undefined });
  if (filter.after) day.whereRaw('(cases.answer_due, cases.id) > (?::date, ?)', filter.after);
  // The days counted here, not in SQL: PostgreSQL then knows how many there are (a series of dates it takes for a
  // thousand), and the plan's estimated cost stays below its threshold for compiling the query (JIT: 30 ms).
  return knex.raw(
    `select page.id from generate_series(0, ?::integer) as day(number) cross join lateral (?) as page
     order by page.answer_due, page.id limit ?`,
    [daysBetween(filter.from, filter.to), day, pageSize + 1],
  );
}

/**
 * One page in keyset order. The page's ids are found first (pageIds, or pageIdsByDay where readsByDay), and only
 * those rows are read and joined to their assignee.
 */
export async function queuePage(knex: Knex, filter: QueueFilter, pageSize: number): Promise<{ rows: QueueRow[]; next?: [string, number] }> {
  const byDay = mayReadByDay(filter) && readsByDay(filter, (await queueFrameRows(knex)).counts) ? filter : undefined;
  const ids = byDay ? knex.raw('(?) as page', [pageIdsByDay(knex, byDay, pageSize)]) : pageIds(knex, filter, pageSize).as('page');
  const query = knex('cases')
    .join(ids, 'page.id', 'cases.id')
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
