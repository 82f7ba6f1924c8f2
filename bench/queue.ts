/**
 * `npm run bench:queue`: the staff queue at 1,000,000 cases (BENCH_CASES) for every status scope (all, open,
 * closed) × each filter alone × both sorts × the first and the 1,000th page, at 10 concurrent staff
 * (BENCH_QUEUE_CONNECTIONS), loaded by autocannon. Each combination: twenty warm-up requests per connection,
 * then at least BENCH_QUEUE_REQUESTS requests or BENCH_QUEUE_SECONDS of load, whichever ends first; p95 is exact
 * (each request timed). Set BENCH_DB_NAME to keep the seeded database between runs (seeded once, topped up if short),
 * BENCH_QUEUE_ONLY (a regular expression) to measure some combinations only, BENCH_QUEUE_EXPLAIN=1 to print
 * each combination's plan (EXPLAIN ANALYZE, BUFFERS) and BENCH_QUEUE_EXPLAIN=only to print the plans alone.
 * `npm run bench` calls measureQueueMatrix for its queue rows.
 */
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.ts';
import { runSeeds } from '../src/db/migrations.ts';
import { seedVolume } from '../src/features/casework/volume.ts';
import type { QueueFilter } from '../src/features/casework/queue-filters-repository.ts';
import { queuePage } from '../src/features/casework/queue-repository.ts';
import { addDays, bishkekToday } from '../src/lib/dates.ts';
import { percentile, staffSession } from './http.ts';
import { benchDatabase, log, PRODUCTION_ENV, progress, startServerProcess } from './support.ts';
import { formatTable, type Row } from './table.ts';

const PAGE_SIZE = 25;
/** The 1,000th page starts after this many rows. */
const DEEP_ROWS = 999 * PAGE_SIZE;
const TARGET_MS = 50;

/** Tops the database up to `total` cases (a kept database is seeded once), then vacuums as autovacuum would have. */
export async function ensureCases(knex: Knex, total: number): Promise<void> {
  const have = Number((await knex('cases').count<{ count: string }[]>('* as count'))[0]?.count ?? 0);
  if (have >= total) {
    log(`${have.toLocaleString('en')} cases already there`);
    if (!process.env.BENCH_VACUUM) return;
  } else {
    const missing = total - have;
    const show = progress('seeding cases', missing);
    const started = Date.now();
    await seedVolume(knex, missing, { officers: 40, onProgress: show });
    log(`seeded ${missing.toLocaleString('en')} cases in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  log('vacuum analyze…');
  await knex.raw('vacuum (analyze)');
}

interface Combination {
  name: string;
  query: Record<string, string>;
}

/** Each filter alone (and none), with values that exist in the volume seed. */
async function filters(knex: Knex): Promise<Combination[]> {
  const officer = await knex('staff_users').whereLike('email', 'volume-officer-11@%').first<{ id: number } | undefined>('id');
  const reference = await knex('cases').orderBy('id').offset(500).first<{ reference: string } | undefined>('reference');
  const today = bishkekToday();
  return [
    { name: 'no filter', query: {} },
    { name: 'type report', query: { type: 'report' } },
    { name: 'assignee officer', query: { assignee: String(officer?.id ?? 1) } },
    { name: 'unassigned', query: { assignee: 'none' } },
    { name: 'sector telecoms', query: { sector: 'telecoms' } },
    { name: 'language en', query: { language: 'en' } },
    { name: 'overdue', query: { due: 'overdue' } },
    { name: 'due soon', query: { due: 'soon' } },
    { name: 'new replies', query: { reply: 'new' } },
    { name: 'received in a month', query: { from: addDays(today, -400), to: addDays(today, -370) } },
    { name: 'search reference', query: { q: reference?.reference ?? 'PDP-2025-000001' } },
    { name: 'search organisation', query: { q: 'bank' } },
    { name: 'search text', query: { q: 'телефон' } },
  ];
}

/** The queue's filter for a query string, as the page builds it for a supervisor (who may search the answers). */
function toFilter(query: Record<string, string>): QueueFilter {
  const today = bishkekToday();
  return {
    status: query.status ?? 'open',
    type: query.type as QueueFilter['type'],
    assignee: query.assignee === 'none' ? 'none' : query.assignee ? Number(query.assignee) : undefined,
    sector: query.sector,
    language: query.language as QueueFilter['language'],
    due: query.due as QueueFilter['due'],
    reply: query.reply as QueueFilter['reply'],
    from: query.from,
    to: query.to,
    q: query.q,
    searchScope: { kind: 'all' },
    sort: query.sort === 'received' ? 'received' : 'deadline',
    today,
    soonUntil: addDays(today, 3),
    after: query.after ? (JSON.parse(Buffer.from(query.after, 'base64url').toString()) as [string, number]) : undefined,
  };
}

/** The cursor of the 1,000th page (or of the last page when there are fewer), found with the queue's own query. */
async function deepCursor(knex: Knex, query: Record<string, string>): Promise<string | undefined> {
  const filter = toFilter(query);
  const { rows } = await queuePage(knex, filter, DEEP_ROWS);
  const last = rows[Math.min(DEEP_ROWS, rows.length - PAGE_SIZE) - 1];
  if (!last) return undefined;
  const key = filter.sort === 'deadline' ? last.answer_due : last.received_key;
  return Buffer.from(JSON.stringify([key, last.id])).toString('base64url');
}

/** BENCH_QUEUE_EXPLAIN=1: the plan of the queue's own query for this combination, its time and buffers. */
async function explain(knex: Knex, query: Record<string, string>): Promise<string> {
  let captured: { sql: string; bindings: readonly unknown[] } | undefined;
  const listener = (data: { sql: string; bindings: readonly unknown[] }) => {
    captured ??= data;
  };
  knex.on('query', listener);
  try {
    await queuePage(knex, toFilter(query), PAGE_SIZE);
  } finally {
    knex.off('query', listener);
  }
  if (!captured) return '(no query)';
  const plan = await knex.raw<{ rows: { 'QUERY PLAN': string }[] }>(
    `explain (analyze, buffers) ${captured.sql.replace(/\$\d+/g, '?')}`,
    captured.bindings as Knex.RawBinding[],
  );
  return plan.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
}

/**
 * `connections` staff loading one URL until at least `requests` answers or `seconds` have passed; exact percentiles (each
 * answer timed as it arrives). The load comes from autocannon, as for every other row: the client shares this
 * machine's two cores with the portal and the database, and fetch() took about a quarter of the portal's
 * throughput away from it (the same combination: 406 req/s, p95 45 ms with fetch; 531 req/s, p95 35 ms with
 * autocannon), which no staff member's browser, on a computer of its own, does.
 */
async function load(url: string, cookie: string, options: { connections: number; requests: number; seconds: number }) {
  const headers = { cookie, 'accept-language': 'en' };
  // Warm-up: twenty requests per connection (the first combination after a start otherwise meets a cold JIT).
  await autocannon({ url, headers, connections: options.connections, amount: 20 * options.connections });
  const times: number[] = [];
  let failed = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections: options.connections, duration: options.seconds }, (error: unknown, done) =>
      error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(done),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) times.push(responseTime);
      else failed++;
      if (times.length + failed === options.requests) instance.stop();
    });
  });
  failed += result.errors + result.timeouts;
  const elapsed = (performance.now() - started) / 1000;
  return { times, failed, perSecond: (times.length + failed) / elapsed };
}

/** The whole matrix against a running portal; one row per combination, printed as it is measured. */
export async function measureQueueMatrix(base: string, cookie: string, knex: Knex, options = { connections: 10, requests: 200, seconds: 4 }): Promise<Row[]> {
  const rows: Row[] = [];
  // BENCH_QUEUE_ONLY: a regular expression; only the combinations whose name matches are measured.
  const only = process.env.BENCH_QUEUE_ONLY ? new RegExp(process.env.BENCH_QUEUE_ONLY) : undefined;
  const combinations = await filters(knex);
  const total = combinations.length * 3 * 2 * 2;
  for (const status of ['all', 'open', 'closed']) {
    for (const filter of combinations) {
      for (const sort of ['deadline', 'received']) {
        const query = { status, ...filter.query, sort };
        const prefix = `${status} · ${filter.name} · ${sort} · `;
        if (only && !only.test(`${prefix}first page`) && !only.test(`${prefix}1,000th page`)) continue;
        const cursor = filter.name === 'search reference' ? undefined : await deepCursor(knex, query);
        for (const [page, after] of [
          ['first page', undefined],
          ['1,000th page', cursor],
        ] as const) {
          const name = `${prefix}${page}`;
          if (only && !only.test(name)) continue;
          if (page !== 'first page' && after === undefined) {
            log(`[${String(rows.length + 1)}/${String(total)}] ${name}: no such page (too few cases)`);
            continue;
          }
          if (process.env.BENCH_QUEUE_EXPLAIN) log(`${name}\n${await explain(knex, { ...query, ...(after ? { after } : {}) })}`);
          if (process.env.BENCH_QUEUE_EXPLAIN === 'only') continue;
          const params = new URLSearchParams({ ...query, ...(after ? { after } : {}) });
          const result = await load(`${base}/staff/cases?${params.toString()}`, cookie, options);
          const p95 = percentile(result.times, 95);
          const pass = result.failed === 0 && p95 <= TARGET_MS;
          rows.push({
            name,
            requestsPerSecond: result.perSecond,
            p50: percentile(result.times, 50),
            p95,
            p99: percentile(result.times, 99),
            non2xx: result.failed,
            errors: 0,
            target: `p95 ≤ ${String(TARGET_MS)} ms`,
            pass,
          });
          log(
            `[${String(rows.length)}/${String(total)}] ${name}: p95 ${p95.toFixed(1)} ms over ${String(result.times.length)} requests ${pass ? 'met' : 'NO'}`,
          );
        }
      }
    }
  }
  return rows;
}

if (import.meta.main) {
  const cases = Number(process.env.BENCH_CASES ?? 1_000_000);
  const database = await benchDatabase(10);
  try {
    const env = { ...PRODUCTION_ENV, DATABASE_URL: database.url };
    const config = loadConfig({ ...process.env, ...env });
    await runSeeds(database.knex, { config, demo: false, log });
    await ensureCases(database.knex, cases);
    const portal = await startServerProcess('portal', env);
    try {
      const cookie = await staffSession(portal.url, database.knex, config.dataEncryptionKey);
      const rows = await measureQueueMatrix(portal.url, cookie, database.knex, {
        connections: Number(process.env.BENCH_QUEUE_CONNECTIONS ?? 10),
        requests: Number(process.env.BENCH_QUEUE_REQUESTS ?? 200),
        seconds: Number(process.env.BENCH_QUEUE_SECONDS ?? 4),
      });
      const met = rows.filter((row) => row.pass).length;
      log(`\n${formatTable(rows).join('\n')}\n\n${String(met)} of ${String(rows.length)} combinations met p95 ≤ ${String(TARGET_MS)} ms.`);
      process.exitCode = met === rows.length ? 0 : 1;
    } finally {
      await portal.close();
    }
  } finally {
    await database.close();
  }
}
