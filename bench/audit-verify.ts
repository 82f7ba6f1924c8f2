/**
 * Audit chain benchmark: appends 1,000,000 chained events (or AUDIT_BENCH_EVENTS), then measures
 * verification throughput (target ≥ 200,000 events/s) and append throughput under 20 concurrent writers, each event
 * in a transaction with the change it records, and alone (a search, a case opened).
 * Run: npm run bench:audit
 */
import os from 'node:os';
import { appendGeneratedEvents } from '../src/features/audit/repository.ts';
import { record, recordAlone, verifyChain, type AuditEventInput } from '../src/features/audit/service.ts';
import { benchDatabase, formatRate, log, progress } from './support.ts';

const TOTAL = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const SEED_CHUNK = 25_000;
const WRITERS = 20;
const APPEND_SECONDS = 5;

export interface AuditBenchResult {
  events: number;
  verifyPerSecond: number;
  /** Appends per second, each in a transaction of its own (as with a change it records). */
  appendPerSecond: number;
  /** Appends per second, each alone (one statement). */
  appendAlonePerSecond: number;
}

/** WRITERS connections appending for APPEND_SECONDS: the events appended, and per second. */
async function appendRate(label: string, append: (event: AuditEventInput) => Promise<unknown>): Promise<{ count: number; perSecond: number }> {
  let appended = 0;
  const deadline = Date.now() + APPEND_SECONDS * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      while (Date.now() < deadline) {
        await append({ actorType: 'staff', actorId: writer, action: 'case.viewed', entityType: 'case', entityId: appended });
        appended++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(
    `append ${label}: ${appended.toLocaleString('en')} events by ${String(WRITERS)} concurrent writers in ${seconds.toFixed(2)} s = ${formatRate(appended / seconds)}`,
  );
  return { count: appended, perSecond: appended / seconds };
}

export async function runAuditBench(): Promise<AuditBenchResult> {
  const database = await benchDatabase(WRITERS + 5, { keepable: false });
  const { knex } = database;
  try {
    const show = progress('seeding audit events', TOTAL);
    const seedStarted = Date.now();
    for (let done = 0; done < TOTAL; done += SEED_CHUNK) {
      await appendGeneratedEvents(knex, Math.min(SEED_CHUNK, TOTAL - done));
      show(Math.min(done + SEED_CHUNK, TOTAL));
    }
    await knex.raw('vacuum analyze audit_events');
    log(`seeded ${TOTAL.toLocaleString('en')} events in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    const showVerify = progress('verifying', TOTAL);
    const verifyStarted = process.hrtime.bigint();
    const verification = await verifyChain(knex, { onProgress: showVerify });
    const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;
    if (!verification.ok) throw new Error(`verification failed: ${verification.problem}`);
    const verifyPerSecond = verification.count / verifySeconds;
    log(`verification: ${verification.count.toLocaleString('en')} events in ${verifySeconds.toFixed(2)} s = ${formatRate(verifyPerSecond)}`);

    const inTransactions = await appendRate('in transactions', (event) => knex.transaction((trx) => record(trx, event)));
    const alone = await appendRate('alone', (event) => recordAlone(knex, event));
    const after = await verifyChain(knex);
    if (!after.ok || after.count !== TOTAL + inTransactions.count + alone.count) throw new Error('chain broken after concurrent appends');
    log(`chain verified after concurrent appends: ${after.count.toLocaleString('en')} events`);
    return { events: TOTAL, verifyPerSecond, appendPerSecond: inTransactions.perSecond, appendAlonePerSecond: alone.perSecond };
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  log(`audit benchmark on ${os.availableParallelism()} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  const result = await runAuditBench();
  log(
    `\nverification ${formatRate(result.verifyPerSecond)} (target ≥ 200,000/s: ${result.verifyPerSecond >= 200_000 ? 'met' : 'NOT met'}); append with ${String(WRITERS)} writers ${formatRate(result.appendPerSecond)} in transactions, ${formatRate(result.appendAlonePerSecond)} alone`,
  );
}
