/**
 * Statistics: the staff dashboard's panels (over the months received and a type; all cases from the monthly
 * rollups, or a case officer's own cases counted directly), the published snapshot (computed once a day by a
 * scheduled job, or at the first request on a fresh database) and the annual report's figures.
 */
import type { Knex } from 'knex';
import { addDays, bishkekToday } from '../../lib/dates.ts';
import { latestCheckpoint } from '../audit/service.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { buildIndicators, type Indicator } from './indicators.ts';
import { decisionDays, monthly, officerDeadlines, openByAge, outcomes, topOrganisations, type Scope } from './repository.ts';
import {
  breachesRollup,
  decisionDaysByYear,
  decisionDaysRollup,
  monthlyRollup,
  officerDeadlinesRollup,
  openByAgeRollup,
  organisationsRollup,
  outcomesRollup,
  publicRollup,
} from './rollup-repository.ts';
import { deleteOldSnapshots, insertSnapshot, latestSnapshot, notifyChanged } from './snapshot-repository.ts';

/** Instances clear their kept statistics pages when a new snapshot is stored (LISTEN/NOTIFY). */
export const STATISTICS_CHANGED_CHANNEL = 'statistics_changed';
const SOON_DAYS = 3;

export interface DashboardFilter {
  /** First and last month received, YYYY-MM. */
  from: string;
  to: string;
  type?: string;
}

/** What the dashboard shows of whom: everything, or a case officer's own cases. */
export interface DashboardViewer {
  id: number;
  seesAll: boolean;
}

/** The default period: this month and the eleven before it. */
export function defaultPeriod(today = bishkekToday()): DashboardFilter {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 7), to: today.slice(0, 7) };
}

/** Every dashboard panel for the filter, read at the same time. */
export async function dashboard(knex: Knex, filter: DashboardFilter, viewer: DashboardViewer, today = bishkekToday()) {
  const scope: Scope = { ...filter, today, soonUntil: addDays(today, SOON_DAYS), ...(viewer.seesAll ? {} : { assigneeId: viewer.id }) };
  const all = viewer.seesAll;
  const [ages, officers, months, days, outcomeRows, breachRows, organisations] = await Promise.all([
    all ? openByAgeRollup(knex, scope) : openByAge(knex, scope),
    all ? officerDeadlinesRollup(knex, scope) : officerDeadlines(knex, scope),
    all ? monthlyRollup(knex, scope) : monthly(knex, scope),
    all ? decisionDaysRollup(knex, scope) : decisionDays(knex, scope),
    all ? outcomesRollup(knex, scope) : outcomes(knex, scope),
    breachesRollup(knex, scope),
    all ? organisationsRollup(knex, scope) : topOrganisations(knex, scope),
  ]);
  return { ages, officers, months, days, outcomes: outcomeRows, breaches: breachRows, organisations };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

export interface PublishedStatistics {
  asOf: string;
  computedAt: string;
  indicators: Indicator[];
  checkpoint: { headHash: string; eventCount: number; createdAt: string } | null;
}

async function computeSnapshot(knex: Knex, asOf: string): Promise<PublishedStatistics> {
  // One after another: the job runs them in its transaction, which takes one query at a time.
  const rows = await publicRollup(knex, asOf);
  const days = await decisionDaysByYear(knex, asOf);
  const checkpoint = await latestCheckpoint(knex);
  return {
    asOf,
    computedAt: new Date().toISOString(),
    indicators: buildIndicators(asOf, rows, days),
    checkpoint: checkpoint ? { headHash: checkpoint.headHash, eventCount: checkpoint.eventCount, createdAt: checkpoint.createdAt.toISOString() } : null,
  };
}

/**
 * Computes the day's figures and stores them once: a second run of the same day, on this instance or another,
 * finds the day stored and keeps it. True when this run stored them.
 */
export async function refreshSnapshot(knex: Knex, asOf = bishkekToday()): Promise<boolean> {
  const snapshot = await computeSnapshot(knex, asOf);
  const stored = await insertSnapshot(knex, asOf, snapshot);
  if (stored) {
    await deleteOldSnapshots(knex, 7);
    await notifyChanged(knex, STATISTICS_CHANGED_CHANNEL);
  }
  return stored;
}

/** The latest stored figures; on a fresh database they are computed (and stored) now, so the page is never empty. */
export async function publishedStatistics(knex: Knex): Promise<PublishedStatistics> {
  const found = await latestSnapshot(knex);
  if (found) return found.data as PublishedStatistics;
  await refreshSnapshot(knex);
  const stored = await latestSnapshot(knex);
  return (stored?.data as PublishedStatistics | undefined) ?? computeSnapshot(knex, bishkekToday());
}

/** A year's figures for the annual report: the same indicators, over the cases received in that year. */
export async function annualFigures(knex: Knex, year: number, today = bishkekToday()) {
  const last = `${String(year)}-12-31`;
  const to = last < today ? last : today;
  const [rows, days, breachRows] = await Promise.all([
    publicRollup(knex, to),
    decisionDaysByYear(knex, to),
    breachesRollup(knex, { from: `${String(year)}-01`, to: `${String(year)}-12` }),
  ]);
  const ofYear = rows.filter((row) => row.month.startsWith(String(year)));
  const indicators = buildIndicators(
    last,
    ofYear,
    days.filter((row) => row.year === String(year)),
    12,
  );
  return { year, indicators, breaches: breachRows };
}

/** The daily job that computes the published figures (after the audit checkpoint of 00:05, so it shows that one). */
export function statisticsJobs(deps: { knex: Knex }): JobDefinition<never>[] {
  return [
    {
      name: 'statistics-snapshot',
      cron: '30 0 * * *',
      async handle(_data, _job, run) {
        await refreshSnapshot(run?.trx ?? deps.knex);
      },
    },
  ];
}
