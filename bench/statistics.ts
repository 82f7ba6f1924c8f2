/**
 * `npm run bench:statistics`: each staff dashboard aggregate at 1,000,000 cases (BENCH_CASES), timed on its own
 * against the 200 ms target, under the filters the dashboard offers: the default period (twelve months), one case
 * type, one officer's own cases, and the whole three years. Each: BENCH_STATISTICS_RUNS timed runs after one
 * warm-up; p95 exact. Set BENCH_DB_NAME to keep the seeded database between runs, BENCH_STATISTICS_EXPLAIN=1 to
 * print each aggregate's plan. `npm run bench` calls measureStatistics for its dashboard rows.
 */
import type { Knex } from 'knex';
import { decisionDays, monthly, officerDeadlines, openByAge, outcomes, topOrganisations, type Scope } from '../src/features/statistics/repository.ts';
import {
  breachesRollup,
  decisionDaysRollup,
  monthlyRollup,
  officerDeadlinesRollup,
  openByAgeRollup,
  organisationsRollup,
  outcomesRollup,
} from '../src/features/statistics/rollup-repository.ts';
import { dashboard, defaultPeriod } from '../src/features/statistics/service.ts';
import { addDays, bishkekToday } from '../src/lib/dates.ts';
import { percentile } from './http.ts';
import { ensureCases } from './queue.ts';
import { benchDatabase, log } from './support.ts';
import { formatTable, type Row } from './table.ts';

const TARGET_MS = 200;

type Aggregate = (knex: Knex, scope: Scope) => Promise<unknown>;

/** As the dashboard reads them: all cases from the rollups, one officer's cases directly. */
const either =
  (rollup: Aggregate, direct: Aggregate): Aggregate =>
  (knex, scope) =>
    scope.assigneeId === undefined ? rollup(knex, scope) : direct(knex, scope);

const AGGREGATES: [string, Aggregate][] = [
  ['open cases by status and age', either(openByAgeRollup, openByAge)],
  ['overdue and due soon per officer', either(officerDeadlinesRollup, officerDeadlines)],
  ['registered and answered on time per month', either(monthlyRollup, monthly)],
  ['days to decision (median, 90th percentile)', either(decisionDaysRollup, decisionDays)],
  ['outcomes by type and sector', either(outcomesRollup, outcomes)],
  ['breaches by severity and hours', breachesRollup],
  ['top organisations by complaints', either(organisationsRollup, topOrganisations)],
  [
    'the whole dashboard, all panels at once',
    (knex, scope) => dashboard(knex, scope, { id: scope.assigneeId ?? 0, seesAll: scope.assigneeId === undefined }, scope.today),
  ],
];

async function scopes(knex: Knex): Promise<[string, Scope][]> {
  const today = bishkekToday();
  const officer = await knex('staff_users').whereLike('email', 'volume-officer-11@%').first<{ id: number } | undefined>('id');
  const base = { today, soonUntil: addDays(today, 3), ...defaultPeriod(today) };
  return [
    ['12 months', base],
    ['12 months, complaints', { ...base, type: 'complaint' }],
    ["12 months, one officer's", { ...base, assigneeId: officer?.id ?? 1 }],
    ['3 years', { ...base, from: `${String(Number(today.slice(0, 4)) - 3)}-${today.slice(5, 7)}` }],
  ];
}

async function explain(knex: Knex, run: () => Promise<unknown>): Promise<string> {
  const captured: { sql: string; bindings: readonly unknown[] }[] = [];
  const listener = (data: { sql: string; bindings: readonly unknown[] }) => captured.push(data);
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  const first = captured[0];
  if (!first) return '(no query)';
  const plan = await knex.raw<{ rows: { 'QUERY PLAN': string }[] }>(`explain (analyze, buffers) ${first.sql}`, first.bindings as Knex.RawBinding[]);
  return plan.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
}

/** Every aggregate under every filter, one at a time (as one dashboard request's queries run on a quiet server). */
export async function measureStatistics(knex: Knex, runs = Number(process.env.BENCH_STATISTICS_RUNS ?? 10)): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [scopeName, scope] of await scopes(knex)) {
    for (const [name, aggregate] of AGGREGATES) {
      if (process.env.BENCH_STATISTICS_EXPLAIN) log(`${name} · ${scopeName}\n${await explain(knex, () => aggregate(knex, scope))}`);
      await aggregate(knex, scope);
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        await aggregate(knex, scope);
        times.push(performance.now() - started);
      }
      const p95 = percentile(times, 95);
      // The whole dashboard is shown for information: its queries run at once and share the machine's cores.
      const whole = name.startsWith('the whole dashboard');
      const pass = whole ? undefined : p95 <= TARGET_MS;
      rows.push({
        name: `dashboard: ${name} · ${scopeName}`,
        requestsPerSecond: 1000 / percentile(times, 50),
        p50: percentile(times, 50),
        p95,
        p99: percentile(times, 99),
        non2xx: 0,
        errors: 0,
        target: whole ? '—' : `p95 ≤ ${String(TARGET_MS)} ms`,
        pass,
      });
      log(`${name} · ${scopeName}: p95 ${p95.toFixed(1)} ms ${pass === undefined ? '' : pass ? 'PASS' : 'FAIL'}`);
    }
  }
  return rows;
}

if (import.meta.main) {
  const database = await benchDatabase(10);
  try {
    await ensureCases(database.knex, Number(process.env.BENCH_CASES ?? 1_000_000));
    const rows = await measureStatistics(database.knex);
    const judged = rows.filter((row) => row.pass !== undefined);
    const met = judged.filter((row) => row.pass).length;
    log(`\n${formatTable(rows).join('\n')}\n\n${String(met)} of ${String(judged.length)} aggregates met p95 ≤ ${String(TARGET_MS)} ms.`);
    process.exitCode = met === judged.length ? 0 : 1;
  } finally {
    await database.close();
  }
}
