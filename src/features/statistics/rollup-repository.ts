/**
 * The dashboard's aggregates over all cases, read from the monthly rollups that the trigger of migration
 * 20261207100000 keeps exact (a few thousand rows a year, whatever the number of cases). The same rows as the
 * direct queries of repository.ts; the published figures are computed from them too.
 */
import type { Knex } from 'knex';
import {
  OPEN,
  scoped as received,
  type AgeRow,
  type BreachRow,
  type DaysRow,
  type MonthRow,
  type OfficerRow,
  type OrganisationRow,
  type OutcomeRow,
  type Scope,
} from './repository.ts';
import type { PublicRow } from './snapshot-repository.ts';

function scoped(scope: Pick<Scope, 'from' | 'to' | 'type'>, typeColumn = 'type'): { where: string; bindings: Knex.RawBinding[] } {
  const parts = ['month >= ?::date', 'month <= ?::date'];
  const bindings: Knex.RawBinding[] = [`${scope.from}-01`, `${scope.to}-01`];
  if (scope.type) {
    parts.push(`${typeColumn} = ?`);
    bindings.push(scope.type);
  }
  return { where: parts.join(' and '), bindings };
}

async function rows<T>(knex: Knex, sql: string, bindings: Knex.RawBinding[]): Promise<T[]> {
  return (await knex.raw<{ rows: T[] }>(sql, bindings)).rows;
}

const MONTH = `to_char(month, 'YYYY-MM')`;

export function monthlyRollup(knex: Knex, scope: Pick<Scope, 'from' | 'to' | 'type'>): Promise<MonthRow[]> {
  const { where, bindings } = scoped(scope);
  return rows(
    knex,
    `select ${MONTH} as month, sum(count)::int as received, coalesce(sum(count) filter (where registered > 0), 0)::int as registered,
            coalesce(sum(count) filter (where registered = 1), 0)::int as registered_on_time,
            coalesce(sum(count) filter (where answered > 0), 0)::int as answered, coalesce(sum(count) filter (where answered = 1), 0)::int as answered_on_time
       from case_stats_monthly where ${where} group by 1 having sum(count) > 0 order by 1`,
    bindings,
  );
}

export function decisionDaysRollup(knex: Knex, scope: Pick<Scope, 'from' | 'to' | 'type'>): Promise<DaysRow[]> {
  const { where, bindings } = scoped(scope);
  return rows(
    knex,
    `select ${MONTH} as month, days, sum(count)::int as count from case_stats_decision_days where ${where} group by 1, 2 having sum(count) > 0`,
    bindings,
  );
}

export function outcomesRollup(knex: Knex, scope: Pick<Scope, 'from' | 'to' | 'type'>): Promise<OutcomeRow[]> {
  const { where, bindings } = scoped(scope);
  return rows(
    knex,
    `select type, nullif(sector, '') as sector, decision as outcome, sum(count)::int as count
       from case_stats_monthly where decision <> '' and ${where} group by 1, 2, 3 having sum(count) > 0`,
    bindings,
  );
}

/** Breach notifications by severity and hours to notification (all, or one officer's). */
export function breachesRollup(knex: Knex, scope: Pick<Scope, 'from' | 'to' | 'type' | 'assigneeId'>): Promise<BreachRow[]> {
  if (scope.type && scope.type !== 'breach') return Promise.resolve([]);
  const { where, bindings } = scoped({ ...scope, type: undefined });
  const officer = scope.assigneeId === undefined ? '' : ' and assignee_id = ?';
  return rows(
    knex,
    `select severity, hours_band, sum(count)::int as count from case_stats_breaches where ${where}${officer} group by 1, 2 having sum(count) > 0`,
    scope.assigneeId === undefined ? bindings : [...bindings, scope.assigneeId],
  );
}

/** Open cases by status and age band (0: up to 7 days, 1: 8–14, 2: 15–30, 3: older), from the days they were received. */
export function openByAgeRollup(knex: Knex, scope: Scope): Promise<AgeRow[]> {
  const parts = ['day >= ?::date', `day < (?::date + interval '1 month')`, ...(scope.type ? ['type = ?'] : [])];
  const age = '(?::date - day)';
  return rows(
    knex,
    `select status, case when ${age} <= 7 then 0 when ${age} <= 14 then 1 when ${age} <= 30 then 2 else 3 end as band, sum(count)::int as count
       from case_stats_open where ${parts.join(' and ')} group by 1, 2 having sum(count) > 0`,
    [scope.today, scope.today, scope.today, `${scope.from}-01`, `${scope.to}-01`, ...(scope.type ? [scope.type] : [])],
  );
}

/** Per officer (or unassigned): open cases from the rollup, and those overdue or due soon counted through cases_statistics_due. */
export function officerDeadlinesRollup(knex: Knex, scope: Scope, limit = 50): Promise<OfficerRow[]> {
  const { where, bindings } = scoped(scope);
  const due = received(scope);
  // Tens of thousands of index entries at most: parallel workers would cost more to start than they save.
  return knex.transaction(async (trx) => {
    await trx.raw('set local max_parallel_workers_per_gather = 0');
    return rows<OfficerRow>(
      trx,
      `with open as (select nullif(assignee_id, 0) as assignee_id, sum(count)::int as open from case_stats_open_assignees where ${where} group by 1 having sum(count) > 0),
          due as (select assignee_id, count(*) filter (where answer_due < ?::date)::int as overdue, count(*) filter (where answer_due >= ?::date)::int as due_soon
                    from cases where ${OPEN} and answer_due <= ?::date and ${due.where} group by 1)
     select open.assignee_id, staff_users.display_name as name, open.open, coalesce(due.overdue, 0) as overdue, coalesce(due.due_soon, 0) as due_soon
       from open left join due on due.assignee_id is not distinct from open.assignee_id left join staff_users on staff_users.id = open.assignee_id
       order by overdue desc, open.open desc, name limit ?`,
      [...bindings, scope.today, scope.today, scope.soonUntil, ...due.bindings, limit],
    );
  });
}

export function organisationsRollup(knex: Knex, scope: Pick<Scope, 'from' | 'to' | 'type'>, limit = 10): Promise<OrganisationRow[]> {
  if (scope.type && scope.type !== 'complaint') return Promise.resolve([]);
  const { where, bindings } = scoped({ ...scope, type: undefined });
  return rows(
    knex,
    `select organisation_name as organisation, sum(count)::int as count from case_stats_organisations where ${where}
       group by 1 having sum(count) > 0 order by 2 desc, 1 limit ?`,
    [...bindings, limit],
  );
}

/** Every case counted once, by month received, type, sector and outcome, with the timeliness counts (the published tables). */
export function publicRollup(knex: Knex, to: string): Promise<PublicRow[]> {
  return rows<PublicRow>(
    knex,
    `select ${MONTH} as month, type, nullif(sector, '') as sector, nullif(decision, '') as outcome, sum(count)::int as received,
            coalesce(sum(count) filter (where registered > 0), 0)::int as registered, coalesce(sum(count) filter (where registered = 1), 0)::int as registered_on_time,
            coalesce(sum(count) filter (where answered > 0), 0)::int as answered, coalesce(sum(count) filter (where answered = 1), 0)::int as answered_on_time
       from case_stats_monthly where month <= ?::date group by 1, 2, 3, 4 having sum(count) > 0`,
    [`${to.slice(0, 7)}-01`],
  );
}

/** Decided cases by year received and days to decision, up to the month of `to`. */
export function decisionDaysByYear(knex: Knex, to: string): Promise<{ year: string; days: number; count: number }[]> {
  return rows(
    knex,
    `select to_char(month, 'YYYY') as year, days, sum(count)::int as count from case_stats_decision_days where month <= ?::date group by 1, 2 having sum(count) > 0`,
    [`${to.slice(0, 7)}-01`],
  );
}
