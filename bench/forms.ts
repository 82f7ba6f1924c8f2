/**
 * The form pages (issue 19, point 3): the track sign-in page and the first step of each journey, shown to
 * visitors without a session, as a ratio to the bare Express "hello" of the same run; and the sessions those
 * visits created (none). `npm run bench` measures them among the rest; `npm run bench:forms` measures only
 * them, on a fresh database with the real content and no cases.
 *
 * Form pages are rate-limited per address (300 GETs in 10 minutes, app.ts): the load comes, as it would from
 * a crowd, from many addresses (X-Forwarded-For, which the portal trusts from loopback in PRODUCTION_ENV).
 */
import { rmSync } from 'node:fs';
import type autocannon from 'autocannon';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.ts';
import { runSeeds } from '../src/db/migrations.ts';
import { measure, type Measurement } from './http.ts';
import { formatTable, type Row } from './table.ts';
import { BENCH_LOG_FILE, benchDatabase, log, PRODUCTION_ENV, startServerProcess } from './support.ts';

const FORM_PAGES = [
  ['track sign-in page', '/en/track'],
  ['complaint, first step', '/en/complaints/new/about-you'],
  ['report, first step', '/en/reports/new/what-happened'],
  ['breach, first step', '/en/breaches/new/organisation'],
] as const;

const FORM_TARGET = '≥ 30% of bare, no session';
/** Distinct client addresses the load is spread over: each stays far below its allowance in a run. */
const ADDRESSES = 4096;

async function countSessions(knex: Knex): Promise<number> {
  return Number((await knex('sessions').count<{ count: string }[]>('* as count'))[0]?.count);
}

/** Each form page under load, against `hello`; `note` says how many sessions all those anonymous visits created. */
export async function measureFormPages(portalUrl: string, hello: Measurement, knex: Knex): Promise<{ rows: Row[]; note: string }> {
  const rows: Row[] = [];
  let visitor = 0;
  const fromACrowd = (request: autocannon.Request): autocannon.Request => {
    visitor = (visitor + 1) % ADDRESSES;
    return { ...request, headers: { ...request.headers, 'x-forwarded-for': `10.9.${String(visitor >> 8)}.${String(visitor & 255)}` } };
  };
  const before = await countSessions(knex);
  let visits = 0;
  for (const [name, path] of FORM_PAGES) {
    const result = await measure(name, { url: `${portalUrl}${path}`, requests: [{ setupRequest: fromACrowd }] });
    const ratio = result.requestsPerSecond / hello.requestsPerSecond;
    // Warm-up and measured seconds (5 + 8) were all visits.
    visits += Math.round(result.requestsPerSecond * 13);
    rows.push({ ...result, ratio, target: FORM_TARGET, pass: ratio >= 0.3 && result.non2xx === 0 && result.errors === 0 });
  }
  const created = (await countSessions(knex)) - before;
  if (created !== 0) for (const row of rows) row.pass = false;
  return { rows, note: `Sessions created by about ${visits.toLocaleString('en')} anonymous form page GETs: ${String(created)} (target 0).` };
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
      const { rows, note } = await measureFormPages(portal.url, hello, database.knex);
      log(`\n${formatTable([{ ...hello, ratio: 1, target: 'baseline', pass: undefined }, ...rows]).join('\n')}\n\n- ${note}`);
    } finally {
      await portal.close();
    }
  } finally {
    await bare.close();
    await database.close();
  }
}
