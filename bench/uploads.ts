/**
 * Complaints with a 1 MB file (DESIGN §10): ten citizens at a time go through the whole complaint journey, each
 * upload and each submission timed by the bench client (p95 ≤ 300 ms), after one journey each not counted. `npm run bench` measures them after the
 * queue; `npm run bench:uploads` measures only them, on a fresh database with the real content, so a miss can be
 * looked at alone (and, with BENCH_WRITEBACK_MB set, while that many megabytes of a file are written back to disk
 * beside it, as the full bench's log is).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { runSeeds } from '../src/db/migrations.ts';
import { Client, csrfFrom, multipartActionFrom, percentile } from './http.ts';
import { BENCH_LOG_FILE, benchDatabase, log, PRODUCTION_ENV, ROOT, startServerProcess } from './support.ts';
import { formatTable, type Row } from './table.ts';

const SUBMISSIONS_PER_WORKER = Number(process.env.BENCH_SUBMISSIONS ?? 6);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 10);
const MEGABYTE_PNG = Buffer.concat([
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  Buffer.alloc(1024 * 1024 - 70, 0),
]);

function randomAddress(): string {
  return `10.${String(Math.floor(Math.random() * 255))}.${String(Math.floor(Math.random() * 255))}.${String(1 + Math.floor(Math.random() * 250))}`;
}

/** One whole complaint journey by one citizen; returns the times of the 1 MB upload and of the submission. */
async function fileComplaint(base: string): Promise<{ upload: number; submit: number }> {
  const client = new Client(base, { 'x-forwarded-for': randomAddress() });
  const step = async (name: string, fields: Record<string, string | string[]>) => {
    const page = await client.get(`/en/complaints/new/${name}`);
    const response = await client.postForm(`/en/complaints/new/${name}`, { ...fields, _csrf: csrfFrom(page) });
    if (response.status !== 303) throw new Error(`${name}: ${String(response.status)}`);
    if (process.env.BENCH_DEBUG) log(`${name} → ${response.headers.get('location') ?? ''}`);
  };
  await client.get('/en/complaints/new');
  await step('about-you', { fullName: 'Bench Citizen', email: 'bench@example.kg', postalAddress: '', phone: '', preferredLanguage: 'en' });
  await step('organisation', { organisationName: 'Bench Bank', sector: 'banking', organisationAddress: '' });
  await step('what-happened', {
    'incidentDate-day': '1',
    'incidentDate-month': '10',
    'incidentDate-year': '2026',
    description: 'The bank shared my data.',
    rightsAffected: 'consent',
    dataKinds: 'financial',
  });
  await step('earlier-contact', { askedOrganisation: 'no' });
  await step('not-asked-first', { reasonNotAsked: 'It does not answer.' });
  await step('outcome', { desiredOutcomes: 'explanation', outcomeDetails: '' });
  const evidence = await client.get('/en/complaints/new/evidence');
  const form = new FormData();
  form.set('upload', '1');
  form.set('evidence', new Blob([MEGABYTE_PNG], { type: 'image/png' }), 'scan.png');
  const uploadStarted = performance.now();
  const uploaded = await client.request(multipartActionFrom(evidence), { method: 'POST', body: form });
  const upload = performance.now() - uploadStarted;
  if (uploaded.status !== 303) throw new Error(`upload: ${String(uploaded.status)}`);
  await step('evidence', { continue: '1' });
  await step('declarations', { privacyAccepted: 'yes', identitySharing: 'yes', truthful: 'yes' });
  const check = await client.get('/en/complaints/new/check');
  const submitStarted = performance.now();
  const sent = await client.postForm('/en/complaints/new/check', { _csrf: csrfFrom(check), website: '' });
  const submit = performance.now() - submitStarted;
  if (sent.status !== 303) throw new Error(`submit: ${String(sent.status)}`);
  return { upload, submit };
}

/**
 * The upload and submission rows: WORKERS citizens at once, each filing SUBMISSIONS_PER_WORKER complaints after one
 * that is not counted. That first round is the warm-up every other scenario has: without it, the first ten uploads
 * of the process all waited for the image library to load and for the journey's code to be compiled (500–730 ms
 * each, against 200–300 ms after), and ten of sixty samples decided the p95.
 */
export async function measureSubmissions(portalUrl: string): Promise<Row[]> {
  await Promise.all(Array.from({ length: WORKERS }, () => fileComplaint(portalUrl)));
  const uploads: number[] = [];
  const submits: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let index = 0; index < SUBMISSIONS_PER_WORKER; index++) {
        const timing = await fileComplaint(portalUrl);
        uploads.push(timing.upload);
        submits.push(timing.submit);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return (
    [
      ['complaint: 1 MB evidence upload', uploads],
      ['complaint: submission', submits],
    ] as const
  ).map(([name, values]) => {
    const p95 = percentile(values, 95);
    return {
      name: `${name} (${String(WORKERS)} concurrent)`,
      requestsPerSecond: values.length / seconds,
      p50: percentile(values, 50),
      p95,
      p99: percentile(values, 99),
      non2xx: 0,
      errors: 0,
      target: 'p95 ≤ 300 ms',
      pass: p95 <= 300,
    };
  });
}

/** `dd` writing that many megabytes to a file under var/bench, as a busy log would: stopped by the caller. */
function writeback(megabytes: number): () => void {
  const file = path.join(ROOT, 'var', 'bench', 'writeback.bin');
  const child = spawn('dd', ['if=/dev/zero', `of=${file}`, 'bs=1M', `count=${String(megabytes)}`], { stdio: 'ignore' });
  return () => {
    child.kill();
    rmSync(file, { force: true });
  };
}

if (import.meta.main) {
  const database = await benchDatabase(10);
  try {
    const env = { ...PRODUCTION_ENV, DATABASE_URL: database.url };
    await runSeeds(database.knex, { config: loadConfig({ ...process.env, ...env }), demo: false, log });
    rmSync(BENCH_LOG_FILE, { force: true });
    const portal = await startServerProcess('portal', env);
    const writebackMegabytes = Number(process.env.BENCH_WRITEBACK_MB ?? 0);
    const stopWriteback = writebackMegabytes > 0 ? writeback(writebackMegabytes) : undefined;
    try {
      log(
        `complaint submissions with a 1 MB file, ${String(WORKERS)} at a time${stopWriteback ? `, beside ${String(writebackMegabytes)} MB written to disk` : ''}…`,
      );
      log(`\n${formatTable(await measureSubmissions(portal.url)).join('\n')}`);
    } finally {
      stopWriteback?.();
      await portal.close();
    }
  } finally {
    await database.close();
  }
}
