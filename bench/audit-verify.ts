/**
 * Audit chain benchmark: appends 1,000,000 chained events (or AUDIT_BENCH_EVENTS), then measures
 * verification throughput (target ≥ 200,000 events/s) and append throughput under 20 concurrent writers.
 * Run: npm run bench:audit
 */
import os from 'node:os';
import { appendGeneratedEvents } from '../src/features/audit/repository.ts';
import { record, verifyChain } from '../src/features/audit/service.ts';
import { benchDatabase, formatRate, log, progress } from './support.ts';

const TOTAL = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const SEED_CHUNK = 25_000;
const WRITERS = 20;
const APPEND_SECONDS = 5;

export interface AuditBenchResult {
  events: number;
  verifyPerSecond: number;
  appendPerSecond: number;
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

    let appended = 0;
    const deadline = Date.now() + APPEND_SECONDS * 1000;
    const appendStarted = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        while (Date.now() < deadline) {
          await knex.transaction((trx) => record(trx, { actorType: 'staff', actorId: writer, action: 'case.viewed', entityType: 'case', entityId: appended }));
          appended++;
        }
      }),
    );
    const appendSeconds = Number(process.hrtime.bigint() - appendStarted) / 1e9;
    const appendPerSecond = appended / appendSeconds;
    log(`append: ${appended.toLocaleString('en')} events by ${WRITERS} concurrent writers in ${appendSeconds.toFixed(2)} s = ${formatRate(appendPerSecond)}`);
    const after = await verifyChain(knex);
    if (!after.ok || after.count !== TOTAL + appended) throw new Error('chain broken after concurrent appends');
    log(`chain verified after concurrent appends: ${after.count.toLocaleString('en')} events`);
    return { events: TOTAL, verifyPerSecond, appendPerSecond };
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  log(`audit benchmark on ${os.availableParallelism()} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  const result = await runAuditBench();
  log(
    `\nverification ${formatRate(result.verifyPerSecond)} (target ≥ 200,000/s: ${result.verifyPerSecond >= 200_000 ? 'met' : 'NOT met'}); append ${formatRate(result.appendPerSecond)} with ${WRITERS} writers`,
  );
}
