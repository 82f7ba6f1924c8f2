/**
 * The reading pages (issue 19, point 1): article, guide, home and campaign, each as a ratio to the bare Express
 * "hello" measured in the same run, with the portal logging as deployed. `npm run bench` measures them among the
 * rest; `npm run bench:reading` measures only them, on a fresh database with the real content and no cases.
 */
import { rmSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { runSeeds } from '../src/db/migrations.ts';
import { measure, type Measurement } from './http.ts';
import { formatTable, type Row } from './table.ts';
import { BENCH_LOG_FILE, benchDatabase, countLines, log, PRODUCTION_ENV, startServerProcess } from './support.ts';

const READING_PAGES = [
  ['guidance article', '/en/rights/right-of-access'],
  ['guide', '/en/guides/answering-requests'],
  ['home page', '/en/'],
  ['campaign', '/en/campaigns/your-data-your-right'],
] as const;

export const READING_TARGET = '≥ 60% of bare, p99 ≤ 20 ms';

/** Each reading page under load, against `hello` (the bare server's run); `between` runs after the first page. */
export async function measureReadingPages(portalUrl: string, hello: Measurement, between?: (first: Measurement) => Promise<void>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, path] of READING_PAGES) {
    const result = await measure(name, { url: `${portalUrl}${path}` });
    const ratio = result.requestsPerSecond / hello.requestsPerSecond;
    rows.push({ ...result, ratio, target: READING_TARGET, pass: ratio >= 0.6 && result.p99 <= 20 && result.non2xx === 0 && result.errors === 0 });
    if (rows.length === 1) await between?.(result);
  }
  return rows;
}

/** A note proving the portal logged while it was measured: the lines in its log file. */
export async function loggingNote(): Promise<string> {
  return `The portal logged at LOG_LEVEL=info to a file through its own logger, as deployed: ${(await countLines(BENCH_LOG_FILE)).toLocaleString('en')} lines written during the run.`;
}

if (import.meta.main) {
  const database = await benchDatabase(10);
  const bare = await startServerProcess('bare', {});
  try {
    const env = { ...PRODUCTION_ENV, DATABASE_URL: database.url };
    await runSeeds(database.knex, { config: loadConfig({ ...process.env, ...env }), demo: false, log });
    rmSync(BENCH_LOG_FILE, { force: true });
    const portal = await startServerProcess('portal', env);
    try {
      const hello = await measure('bare Express "hello"', { url: `${bare.url}/` });
      const rows = [{ ...hello, ratio: 1, target: 'baseline', pass: undefined }, ...(await measureReadingPages(portal.url, hello))];
      log(`\n${formatTable(rows).join('\n')}`);
    } finally {
      await portal.close();
    }
    log(`\n- ${await loggingNote()}`);
  } finally {
    await bare.close();
    await database.close();
  }
}
