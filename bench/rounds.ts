/**
 * Public pages measured in rounds against the bare Express "hello": each round measures the bare app and then
 * every page, so each ratio compares two runs seconds apart on the same machine, and the rounds' spread shows how
 * far one run can be trusted. A row reports the median of its rounds; it meets its target when the median does
 * and no round had an error or a non-2xx answer.
 */
import type autocannon from 'autocannon';
import { measure, type Measurement } from './http.ts';
import { rmSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { runSeeds } from '../src/db/migrations.ts';
import {
  BENCH_LOG_FILE,
  benchDatabase,
  log,
  loggingNote,
  PRODUCTION_ENV,
  sessionIds,
  sessionsCreatedSince,
  startServerProcess,
  type BenchDatabase,
} from './support.ts';
import { formatTable } from './table.ts';
import type { Row } from './table.ts';

export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

/** Three unmeasured seconds, six measured: shorter than a single run's, as each page is measured ROUNDS times. */
const ROUND_SECONDS = { warmUp: 3, measured: 6 };

export interface PageScenario {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** A new id in place of `[<id>]` in the URL on every request (autocannon's idReplacement). */
  idReplacement?: boolean;
  /** autocannon's request sequence, e.g. to set a header per request. */
  requests?: autocannon.Request[];
  target?: { label: string; minRatio: number; maxP99?: number; maxP95?: number };
}

/** A list of named paths, each a scenario with the same headers and target (a new id per request where a path has [<id>]). */
export function pathScenarios(
  portalUrl: string,
  paths: readonly (readonly [string, string])[],
  headers: Record<string, string>,
  target: PageScenario['target'],
): PageScenario[] {
  return paths.map(([name, path]) => ({ name, url: `${portalUrl}${path}`, headers, idReplacement: path.includes('[<id>]'), target }));
}

interface Round {
  result: Measurement;
  ratio: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

function summarise(name: string, rounds: Round[], target: PageScenario['target']): Row {
  const of = (pick: (result: Measurement) => number) => median(rounds.map((round) => pick(round.result)));
  const ratios = rounds.map((round) => round.ratio);
  const ratio = median(ratios);
  const p99 = of((result) => result.p99);
  const p95 = of((result) => result.p95);
  const clean = rounds.every((round) => round.result.non2xx === 0 && round.result.errors === 0);
  return {
    name,
    requestsPerSecond: of((result) => result.requestsPerSecond),
    p50: of((result) => result.p50),
    p95,
    p99,
    non2xx: rounds.reduce((sum, round) => sum + round.result.non2xx, 0),
    errors: rounds.reduce((sum, round) => sum + round.result.errors, 0),
    ratio,
    spread: rounds.length > 1 ? `${percent(Math.min(...ratios))}–${percent(Math.max(...ratios))}` : undefined,
    target: target?.label ?? '—',
    pass: target
      ? clean && ratio >= target.minRatio && (target.maxP99 === undefined || p99 <= target.maxP99) && (target.maxP95 === undefined || p95 <= target.maxP95)
      : undefined,
  };
}

/** The bare app's row (its spread in requests per second) and one row per page, in the order given. */
export async function measureInRounds(bareUrl: string, scenarios: PageScenario[], rounds = ROUNDS): Promise<Row[]> {
  const bare: Measurement[] = [];
  const pages = scenarios.map((): Round[] => []);
  for (let round = 1; round <= rounds; round++) {
    log(`round ${String(round)}/${String(rounds)}: bare Express and ${String(scenarios.length)} pages…`);
    const hello = await measure('bare Express "hello"', { url: `${bareUrl}/` }, ROUND_SECONDS);
    bare.push(hello);
    for (const [index, scenario] of scenarios.entries()) {
      const result = await measure(
        scenario.name,
        { url: scenario.url, headers: scenario.headers, idReplacement: scenario.idReplacement, requests: scenario.requests },
        ROUND_SECONDS,
        scenario.target?.maxP95 !== undefined,
      );
      pages[index]?.push({ result, ratio: result.requestsPerSecond / hello.requestsPerSecond });
    }
  }
  const rates = bare.map((result) => result.requestsPerSecond);
  const bareRow: Row = {
    ...summarise(
      'bare Express "hello"',
      bare.map((result) => ({ result, ratio: 1 })),
      undefined,
    ),
    spread: rounds > 1 ? `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)} req/s` : undefined,
    target: 'baseline',
  };
  return [bareRow, ...scenarios.map((scenario, index) => summarise(scenario.name, pages[index] ?? [], scenario.target))];
}

/**
 * `npm run bench:reading`, `bench:search`, `bench:forms`: those pages alone, on a fresh database with the real
 * content and no cases, in rounds beside bare Express; prints the table, the sessions the visits created (none
 * is the target) and the log lines written.
 */
export async function measureAlone(
  scenariosFor: (portalUrl: string) => PageScenario[],
  prepare?: (knex: BenchDatabase['knex']) => Promise<void>,
): Promise<void> {
  const database = await benchDatabase(10);
  const bare = await startServerProcess('bare', {});
  try {
    const env = { ...PRODUCTION_ENV, DATABASE_URL: database.url };
    await runSeeds(database.knex, { config: loadConfig({ ...process.env, ...env }), demo: false, log });
    await prepare?.(database.knex);
    rmSync(BENCH_LOG_FILE, { force: true });
    const portal = await startServerProcess('portal', env);
    try {
      const before = await sessionIds(database.knex);
      const rows = await measureInRounds(bare.url, scenariosFor(portal.url));
      const created = await sessionsCreatedSince(database.knex, before);
      log(`\n${formatTable(rows).join('\n')}\n\n- Sessions created by these anonymous GETs: ${String(created)} (target 0).`);
    } finally {
      await portal.close();
    }
    log(`- ${await loggingNote()}`);
  } finally {
    await bare.close();
    await database.close();
  }
}
