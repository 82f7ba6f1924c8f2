/**
 * Search (issue 19, point 2): a few queries under load, each as a ratio to the bare Express "hello" measured in the
 * same run, with the portal logging as deployed. `npm run bench` measures them among the rest; `npm run
 * bench:search` measures only them, on a fresh database with the real content and no cases.
 */
import { rmSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { runSeeds } from '../src/db/migrations.ts';
import { measure, type Measurement } from './http.ts';
import { loggingNote } from './reading.ts';
import { formatTable, type Row } from './table.ts';
import { BENCH_LOG_FILE, benchDatabase, log, PRODUCTION_ENV, startServerProcess } from './support.ts';

/**
 * One word (the measurement), a partial match across a synonym, a citizen's whole question — each
 * asked again and again, as popular questions are — and a question never asked before on every request
 * (autocannon puts a new id in place of [<id>]), which no kept page can answer.
 */
const SEARCHES = [
  ['search ru "доступ"', '/ru/search?q=%D0%B4%D0%BE%D1%81%D1%82%D1%83%D0%BF'],
  ['search ky "мобилдик оператор"', `/ky/search?q=${encodeURIComponent('мобилдик оператор')}`],
  ['search en, a whole question', `/en/search?q=${encodeURIComponent('my employer films me at work')}`],
  ['search en, a new question each time', `/en/search?q=${encodeURIComponent('my employer films me at work')}+[<id>]`],
] as const;

const SEARCH_TARGET = '≥ 20% of bare, p99 ≤ 25 ms';

export async function measureSearches(portalUrl: string, hello: Measurement): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, path] of SEARCHES) {
    const result = await measure(name, { url: `${portalUrl}${path}`, idReplacement: path.includes('[<id>]') });
    const ratio = result.requestsPerSecond / hello.requestsPerSecond;
    rows.push({ ...result, ratio, target: SEARCH_TARGET, pass: ratio >= 0.2 && result.p99 <= 25 && result.non2xx === 0 && result.errors === 0 });
  }
  return rows;
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
      const rows = [{ ...hello, ratio: 1, target: 'baseline', pass: undefined }, ...(await measureSearches(portal.url, hello))];
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
