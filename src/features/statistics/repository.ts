/**
 * The dashboard's aggregates read from cases directly: the open cases (their age and deadlines move with the day;
 * the partial index cases_statistics_open holds them) for everyone, and everything for one officer's own cases
 * (cases_statistics_assignee holds them by officer and date received). Every case is counted in the Bishkek month
 * it was received; days are Bishkek calendar days. The same rows as rollup-repository.ts gives for all cases.
 */
import type { Knex } from 'knex';

export interface Scope {
  /** First and last month received, YYYY-MM. */
  from: string;
  to: string;
  type?: string;
  assigneeId?: number;
  /** Today (Bishkek) and the last day that counts as "due soon". */
  today: string;
  soonUntil: string;
}

/** The same literal list as the partial index cases_statistics_due, so that the planner uses it. */
export const OPEN = `status in ('submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decision_proposed', 'reopened', 'in_review', 'returned')`;
const DAY = (column: string) => `(${column} at time zone 'Asia/Bishkek')::date`;
const MONTH = `to_char(${DAY('received_at')}, 'YYYY-MM')`;

export function scoped(scope: Scope): { where: string; bindings: Knex.RawBinding[] } {
  const parts = [
    `received_at >= (?::date)::timestamp at time zone 'Asia/Bishkek'`,
    `received_at < (?::date + interval '1 month')::timestamp at time zone 'Asia/Bishkek'`,
  ];
  const bindings: Knex.RawBinding[] = [`${scope.from}-01`, `${scope.to}-01`];
  if (scope.type) {
    parts.push('type = ?');
    bindings.push(scope.type);
  }
  if (scope.assigneeId !== undefined) {
    parts.push('assignee_id = ?');
    bindings.push(scope.assigneeId);
  }
  return { where: parts.join(' and '), bindings };
}

async function rows<T>(knex: Knex, sql: string, bindings: Knex.RawBinding[]): Promise<T[]> {
  return (await knex.raw<{ rows: T[] }>(sql, bindings)).rows;
}

export interface AgeRow {
  status: string;
  band: number;
  count: number;
}

/** Open cases by status and age band (0: up to 7 days, 1: 8–14, 2: 15–30, 3: older). */
export function openByAge(knex: Knex, scope: Scope): Promise<AgeRow[]> {
  const { where, bindings } = scoped(scope);
  const age = `(?::date - ${DAY('received_at')})`;
  return rows(
    knex,
    `select status, case when ${age} <= 7 then 0 when ${age} <= 14 then 1 when ${age} <= 30 then 2 else 3 end as band, count(*)::int as count
       from cases where ${OPEN} and ${where} group by 1, 2`,
    [scope.today, scope.today, scope.today, ...bindings],
  );
}

export interface OfficerRow {
  assignee_id: number | null;
  name: string | null;
  open: number;
  overdue: number;
  due_soon: number;
}

/** Per officer (or unassigned): open cases, those past their answer date, and those due by `soonUntil`. */
export function officerDeadlines(knex: Knex, scope: Scope, limit = 50): Promise<OfficerRow[]> {
  const { where, bindings } = scoped(scope);
  return rows(
    knex,
    `select counts.assignee_id, staff_users.display_name as name, counts.open, counts.overdue, counts.due_soon from (
       select assignee_id, count(*)::int as open, count(*) filter (where answer_due < ?::date)::int as overdue,
              count(*) filter (where answer_due >= ?::date and answer_due <= ?::date)::int as due_soon
         from cases where ${OPEN} and ${where} group by assignee_id) as counts
       left join staff_users on staff_users.id = counts.assignee_id
       order by counts.overdue desc, counts.open desc, name limit ?`,
    [scope.today, scope.today, scope.soonUntil, ...bindings, limit],
  );
}

export interface MonthRow {
  month: string;
  received: number;
  registered: number;
  registered_on_time: number;
  answered: number;
  answered_on_time: number;
}

/** Per month received: registered (and by the registration date), answered — decided or closed — (and by the answer date). */
export function monthly(knex: Knex, scope: Scope): Promise<MonthRow[]> {
  const { where, bindings } = scoped(scope);
  const answered = `coalesce(decided_at, closed_at)`;
  return rows(
    knex,
    `select ${MONTH} as month, count(*)::int as received, count(registered_at)::int as registered,
            count(*) filter (where ${DAY('registered_at')} <= registration_due)::int as registered_on_time,
            count(${answered})::int as answered, count(*) filter (where ${DAY(answered)} <= answer_due)::int as answered_on_time
       from cases where ${where} group by 1 order by 1`,
    bindings,
  );
}

export interface DaysRow {
  month: string;
  days: number;
  count: number;
}

/** Decided cases by month received and days from receipt to decision (a histogram: medians are read from it). */
export function decisionDays(knex: Knex, scope: Scope): Promise<DaysRow[]> {
  const { where, bindings } = scoped(scope);
  return rows(
    knex,
    `select ${MONTH} as month, ${DAY('decided_at')} - ${DAY('received_at')} as days, count(*)::int as count
       from cases where decided_at is not null and ${where} group by 1, 2`,
    bindings,
  );
}

export interface OutcomeRow {
  type: string;
  sector: string | null;
  outcome: string;
  count: number;
}

/** Decided cases by type, sector and outcome. */
export function outcomes(knex: Knex, scope: Scope): Promise<OutcomeRow[]> {
  const { where, bindings } = scoped(scope);
  return rows(
    knex,
    `select type, sector, decision as outcome, count(*)::int as count from cases where decision is not null and ${where} group by 1, 2, 3`,
    bindings,
  );
}

export interface BreachRow {
  severity: 'low' | 'medium' | 'high' | 'unknown';
  hours_band: 'day' | 'three_days' | 'later' | 'unknown';
  count: number;
}

/**
 * Breach notifications by severity (people affected: low under 100, medium under 10,000, high from 10,000) and by
 * hours from discovery to notification (within 24, within 72 — the recommended limit — or later), as notified.
 * The same bands as the trigger of migration 20261207100000.
 */
export function breaches(knex: Knex, scope: Scope): Promise<BreachRow[]> {
  if (scope.type && scope.type !== 'breach') return Promise.resolve([]);
  const { where, bindings } = scoped({ ...scope, type: undefined });
  const number = (path: string) =>
    `case when jsonb_typeof(${path}) = 'number' then (${path})::numeric when ${path} #>> '{}' ~ '^[0-9]{1,12}$' then (${path} #>> '{}')::numeric end`;
  return rows(
    knex,
    `select case when people is null then 'unknown' when people < 100 then 'low' when people < 10000 then 'medium' else 'high' end as severity,
            case when hours is null then 'unknown' when hours <= 24 then 'day' when hours <= 72 then 'three_days' else 'later' end as hours_band,
            count(*)::int as count
       from (select ${number(`answers -> 'affected' -> 'approxPeople'`)} as people, ${number(`answers -> 'hoursToNotify'`)} as hours
               from cases where type = 'breach' and ${where}) as notified
       group by 1, 2`,
    bindings,
  );
}

export interface OrganisationRow {
  organisation: string;
  count: number;
}

/** The organisations complained about most. */
export function topOrganisations(knex: Knex, scope: Scope, limit = 10): Promise<OrganisationRow[]> {
  if (scope.type && scope.type !== 'complaint') return Promise.resolve([]);
  const { where, bindings } = scoped({ ...scope, type: undefined });
  return rows(
    knex,
    `select organisation_name as organisation, count(*)::int as count from cases where type = 'complaint' and ${where}
       group by 1 order by 2 desc, 1 limit ?`,
    [...bindings, limit],
  );
}
