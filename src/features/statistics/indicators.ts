/**
 * The published indicators, built from counts: each a table of rows × columns with totals, suppressed
 * (suppression.ts) before it is stored, so no count under 5 ever leaves the database. Rates and medians are shown
 * only when they are of at least 5 cases. Pure: the job computes them once a day and stores the result.
 */
import { DECISIONS } from '../cases/workflow.ts';
import type { PublicRow } from './snapshot-repository.ts';
import { suppress, suppressedRate, SUPPRESSION_THRESHOLD, type Shown, type SuppressedTable } from './suppression.ts';

export const CASE_TYPES = ['complaint', 'report', 'breach', 'registration'] as const;
export const SECTORS = ['banking', 'telecoms', 'health', 'employment', 'education', 'online', 'state', 'retail', 'housing', 'other', 'unknown'] as const;
export const OUTCOMES = DECISIONS;

/** The count tables, by their stable names in the open-data URLs. */
const COUNT_INDICATORS = ['received-by-month', 'received-by-year', 'sector-by-year', 'outcome-by-year', 'outcome-by-type', 'outcome-by-sector'] as const;
const RATE_INDICATORS = ['timeliness-by-year', 'decision-days-by-year'] as const;
export type IndicatorId = (typeof COUNT_INDICATORS)[number] | (typeof RATE_INDICATORS)[number];
export const INDICATORS: readonly IndicatorId[] = [...COUNT_INDICATORS, ...RATE_INDICATORS];

interface CountIndicator extends SuppressedTable {
  id: IndicatorId;
  kind: 'count';
  rows: string[];
  columns: string[];
}

interface RateIndicator {
  id: IndicatorId;
  kind: 'rate';
  rows: string[];
  columns: string[];
  cells: Shown[][];
}

export type Indicator = CountIndicator | RateIndicator;

/** The 24 months up to and including the month of `asOf` (YYYY-MM), oldest first. */
export function lastMonths(asOf: string, count = 24): string[] {
  const [year, month] = asOf.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

function table(
  id: IndicatorId,
  rows: readonly string[],
  columns: readonly string[],
  data: readonly PublicRow[],
  pick: (row: PublicRow) => [string, string] | undefined,
): CountIndicator {
  const counts = rows.map(() => columns.map(() => 0));
  for (const row of data) {
    const key = pick(row);
    if (!key) continue;
    const r = rows.indexOf(key[0]);
    const c = columns.indexOf(key[1]);
    const line = counts[r];
    if (line && c >= 0) line[c] = (line[c] ?? 0) + row.received;
  }
  return { id, kind: 'count', rows: [...rows], columns: [...columns], ...suppress({ counts }) };
}

const yearOf = (row: PublicRow) => row.month.slice(0, 4);
const sectorOf = (row: PublicRow) => (row.sector && (SECTORS as readonly string[]).includes(row.sector) ? row.sector : 'unknown');

function timeliness(years: string[], data: readonly PublicRow[]): RateIndicator {
  const sums = years.map(() => ({ registered: 0, registeredOnTime: 0, answered: 0, answeredOnTime: 0 }));
  for (const row of data) {
    const sum = sums[years.indexOf(yearOf(row))];
    if (!sum) continue;
    sum.registered += row.registered;
    sum.registeredOnTime += row.registered_on_time;
    sum.answered += row.answered;
    sum.answeredOnTime += row.answered_on_time;
  }
  return {
    id: 'timeliness-by-year',
    kind: 'rate',
    rows: years,
    columns: ['registered_on_time_percent', 'answered_on_time_percent'],
    cells: sums.map((sum) => [suppressedRate(sum.registeredOnTime, sum.registered), suppressedRate(sum.answeredOnTime, sum.answered)]),
  };
}

/** A day count and how many cases took it: a histogram of days to decision. */
export interface DaysCount {
  days: number;
  count: number;
}

/** The percentile of the values a histogram stands for, interpolated as PostgreSQL's percentile_cont; null when empty. */
export function histogramPercentile(histogram: readonly DaysCount[], fraction: number): number | null {
  const sorted = [...histogram].filter((bar) => bar.count > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, bar) => sum + bar.count, 0);
  if (total === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const bar of sorted) {
      seen += bar.count;
      if (index < seen) return bar.days;
    }
    return sorted[sorted.length - 1]?.days ?? 0;
  };
  const position = fraction * (total - 1);
  const lower = Math.floor(position);
  const low = at(lower);
  return Math.round((low + (position - lower) * (at(lower + 1) - low)) * 10) / 10;
}

function decisionDays(years: string[], rows: readonly (DaysCount & { year: string })[]): RateIndicator {
  return {
    id: 'decision-days-by-year',
    kind: 'rate',
    rows: years,
    columns: ['median_days', 'p90_days'],
    cells: years.map((year) => {
      const histogram = rows.filter((row) => row.year === year);
      const decided = histogram.reduce((sum, row) => sum + row.count, 0);
      return decided >= SUPPRESSION_THRESHOLD ? [histogramPercentile(histogram, 0.5), histogramPercentile(histogram, 0.9)] : [null, null];
    }),
  };
}

/** Every published indicator, as of a day, from the counts of every case received up to it. */
export function buildIndicators(asOf: string, data: readonly PublicRow[], days: readonly (DaysCount & { year: string })[], monthCount = 24): Indicator[] {
  const months = lastMonths(asOf, monthCount);
  const years = [...new Set(data.map(yearOf))].sort();
  if (years.length === 0) years.push(asOf.slice(0, 4));
  const decided = data.filter((row) => row.outcome);
  return [
    table('received-by-month', months, CASE_TYPES, data, (row) => [row.month, row.type]),
    table('received-by-year', years, CASE_TYPES, data, (row) => [yearOf(row), row.type]),
    table('sector-by-year', years, SECTORS, data, (row) => (row.type === 'registration' ? undefined : [yearOf(row), sectorOf(row)])),
    table('outcome-by-year', years, OUTCOMES, decided, (row) => [yearOf(row), row.outcome ?? '']),
    table('outcome-by-type', CASE_TYPES, OUTCOMES, decided, (row) => [row.type, row.outcome ?? '']),
    table('outcome-by-sector', SECTORS, OUTCOMES, decided, (row) => [sectorOf(row), row.outcome ?? '']),
    timeliness(years, data),
    decisionDays(years, days),
  ];
}
