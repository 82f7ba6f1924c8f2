/**
 * The queue grouped by organisation: for the queue's filters, one row per organisation — a register entry (its
 * id), or a name typed for an organisation the register does not hold (compared without case or surrounding
 * spaces) — with its number of cases and of overdue ones, most cases first, a page at a time.
 */
import type { Knex } from 'knex';
import { clockRunning, OPEN_STATUSES, TRIAGE_STATUSES } from '../cases/workflow.ts';
import { applyFilters, type QueueFilter } from './queue-filters-repository.ts';

export interface OrganisationGroupRow {
  organisation_id: number | null;
  registration_number: string | null;
  name_ky: string | null;
  name_ru: string | null;
  name_en: string | null;
  /** The name as one of the cases gives it (the first in sort order). */
  typed_name: string;
  cases: number;
  overdue: number;
  /** How many groups the filters make in all. */
  groups: number;
}

const ACTIVE_CLOCK = OPEN_STATUSES.filter(clockRunning);

/**
 * Overdue as the queue's "overdue" filter means it: the answer date passed while the clock runs (a report only
 * while it is triaged).
 */
const OVERDUE = `cases.answer_due < ?::date and cases.status = any(?::text[]) and (cases.type <> 'report' or cases.status = any(?::text[]))`;

const ORDER = 'cases desc, overdue desc, typed_name, organisation_id';

/**
 * One page of the groups, and how many there are. Counted in two steps: the filtered cases by organisation and
 * name as typed (plain values, read from cases_status_organisation alone), then those few rows by organisation
 * or folded name — folding a million names costs more than the counting.
 */
export async function organisationGroups(
  knex: Knex,
  filter: QueueFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: OrganisationGroupRow[]; total: number }> {
  const exact = knex('cases')
    .select(
      'cases.organisation_id',
      'cases.organisation_name',
      knex.raw('count(*) as counted'),
      knex.raw(`count(*) filter (where ${OVERDUE}) as late`, [filter.today, [...ACTIVE_CLOCK], [...TRIAGE_STATUSES]]),
    )
    .groupBy('cases.organisation_id', 'cases.organisation_name');
  applyFilters(exact, filter);
  const grouped = knex
    .from(exact.as('exact'))
    .select(
      'exact.organisation_id',
      knex.raw(`case when exact.organisation_id is null then lower(btrim(exact.organisation_name)) end as name_key`),
      knex.raw('min(exact.organisation_name) as typed_name'),
      knex.raw('sum(exact.counted)::int as cases'),
      knex.raw('sum(exact.late)::int as overdue'),
      knex.raw('(count(*) over ())::int as groups'),
    )
    .groupByRaw('1, 2')
    .orderByRaw(ORDER)
    .limit(page.limit)
    .offset(page.offset);
  const rows: OrganisationGroupRow[] = await knex
    .from(grouped.as('grouped'))
    .leftJoin('organisations', 'organisations.id', 'grouped.organisation_id')
    .select(
      'grouped.organisation_id',
      'grouped.typed_name',
      'grouped.cases',
      'grouped.overdue',
      'grouped.groups',
      'organisations.registration_number',
      'organisations.name_ky',
      'organisations.name_ru',
      'organisations.name_en',
    )
    .orderByRaw(ORDER);
  // A page past the last has no rows to say how many there are: the first page's count is asked for.
  const total = rows[0]?.groups ?? (page.offset > 0 ? (await organisationGroups(knex, filter, { limit: 1, offset: 0 })).total : 0);
  return { rows, total };
}
