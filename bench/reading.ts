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

/** What a browser sends with every page request (Chromium's Accept and Accept-Encoding): pages go out compressed. */
export const BROWSER_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'en-GB,en;q=0.9,ru;q=0.8',
};

/** Each reading page under load, against `hello` (the bare server's run); `between` runs after the first page. */
export async function measureReadingPages(portalUrl: string, hello: Measurement, between?: (first: Measurement) => Promise<void>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, path] of READING_PAGES) {
    const result = await measure(name, { url: `${portalUrl}${path}`, headers: BROWSER_HEADERS });
    const ratio = result.requestsPerSecond / hello.requestsPerSecond;
    rows.push({ ...result, ratio, target: READING_TARGET, pass: ratio >= 0.6 && result.p99 <= 20 && result.non2xx === 0 && result.errors === 0 });
    if (rows.length === 1) await between?.(result);
  }
  // For comparison, not a target: a client that accepts no compression gets the whole page (about four times the bytes).
  const whole = await measure(`${READING_PAGES[0][0]}, uncompressed (a client sending no Accept-Encoding)`, { url: `${portalUrl}${READING_PAGES[0][1]}` });
  rows.push({ ...whole, ratio: whole.requestsPerSecond / hello.requestsPerSecond, target: '—', pass: undefined });
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
