/**
 * Background work on PostgreSQL (pg-boss): jobs survive restarts, are shared by every instance, and a job
 * can be created inside the transaction of the change that needs it.
 *
 * Scheduled jobs run once per occurrence by construction, not by timing. Every instance looks for due
 * occurrences, but an occurrence is enqueued only by the instance whose insert of (job, occurrence) into
 * job_occurrences went through, in the same transaction as the job itself; and an occurrence's work runs in
 * a transaction that marks it done, so a job delivered twice (it expired while running, or a worker died
 * after the work) finds it done and does nothing. pg-boss's own scheduler is not used: it files occurrences
 * by 60-second throttle slots, and the jobs it forwards carry no occurrence that a handler could check.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Knex } from 'knex';
import { fromKnex, PgBoss, type Job, type JobResult } from 'pg-boss';
import type { Logger } from 'pino';
import { claimOccurrence, recordOccurrence } from './occurrences-repository.ts';

/** The zone cron expressions are read in. */
const SCHEDULE_TIMEZONE = 'Asia/Bishkek';
/** An occurrence missed by a few minutes (a restart, a stalled process) still runs; an older one does not. */
const CATCH_UP_MS = 5 * 60_000;

/** Given to the handler of a scheduled occurrence. */
export interface ScheduledRun {
  /** The instant the cron expression named. */
  occurrence: Date;
  /** The transaction that marks the occurrence done: work done in it is committed with that mark, or not at all. */
  trx: Knex.Transaction;
}

export interface JobDefinition<T extends object = object> {
  name: string;
  /** `run` is given for an occurrence of `cron`; the same job sent by hand runs without it. */
  handle(data: T, job: Job<T>, run?: ScheduledRun): Promise<void>;
  /** Cron expression (Asia/Bishkek) when the job should also run on a schedule. */
  cron?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryDelayMaxSeconds?: number;
}

export interface JobQueue {
  /** Enqueues a job; with `trx`, only if that transaction commits. */
  send(name: string, data: object, options?: { trx?: Knex.Transaction; singletonKey?: string; startAfterSeconds?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface RunningJobQueue extends JobQueue {
  /** Enqueues each due occurrence that no instance has enqueued yet; how many this call enqueued. A timer calls it every few seconds. */
  enqueueDue(): Promise<number>;
}

/** The latest occurrence of a cron expression at or before `now`. */
function latestOccurrence(cron: string, now: Date): Date {
  // prev() answers strictly before its reference: one millisecond later keeps an occurrence exactly at `now`.
  return CronExpressionParser.parse(cron, { tz: SCHEDULE_TIMEZONE, currentDate: new Date(now.getTime() + 1) })
    .prev()
    .toDate();
}

/** The occurrence a job of a scheduled definition carries, if it is one (a job sent by hand carries none). */
function occurrenceOf(definition: JobDefinition<never>, data: unknown): Date | undefined {
  if (!definition.cron || typeof data !== 'object' || data === null) return undefined;
  const value = (data as { occurrence?: unknown }).occurrence;
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export interface JobQueueOptions {
  connectionString: string;
  /** Where occurrences of scheduled jobs are recorded (job_occurrences). */
  knex: Knex;
  logger: Logger;
  jobs: readonly JobDefinition<never>[];
  /** Seconds between polls when idle (tests use a short interval). */
  pollingSeconds?: number;
  /** Whether this instance works on jobs (false: it only enqueues). */
  work?: boolean;
  /** Seconds between looks for due occurrences (30; 0 turns the timer off, for tests that call enqueueDue). */
  scheduleCheckSeconds?: number;
  /** The clock scheduled occurrences are judged by (tests set it). */
  now?: () => Date;
}

type RunJob = (definition: JobDefinition<never>, item: Job<never>) => Promise<void>;

/** Runs a delivered job; a scheduled occurrence's work runs in the transaction that marks it done, once. */
function jobRunner(knex: Knex, logger: Logger): RunJob {
  return async (definition, item) => {
    const occurrence = occurrenceOf(definition, item.data);
    if (!occurrence) {
      await definition.handle(item.data, item);
      return;
    }
    await knex.transaction(async (trx) => {
      if (!(await claimOccurrence(trx, definition.name, occurrence))) {
        logger.info({ job: definition.name, occurrence: occurrence.toISOString() }, 'scheduled occurrence already ran; skipped');
        return;
      }
      await definition.handle(item.data, item, { occurrence, trx });
    });
  };
}

/** A job's queue, and (when this instance works) its worker. */
async function registerJob(boss: PgBoss, job: JobDefinition<never>, options: JobQueueOptions, run: RunJob): Promise<void> {
  const retries = {
    retryLimit: job.retryLimit ?? 5,
    retryDelay: job.retryDelaySeconds ?? 30,
    retryBackoff: true,
    retryDelayMax: job.retryDelayMaxSeconds ?? 3600,
  };
  await boss.createQueue(job.name, retries);
  // createQueue keeps the settings of whoever created the queue first (an earlier release, another
  // configuration): the ones this code declares are applied every start.
  await boss.updateQueue(job.name, retries);
  // A schedule left in pg-boss by an earlier version would keep sending jobs without an occurrence.
  if (job.cron) await boss.unschedule(job.name);
  if (options.work === false) return;
  // Up to ten jobs per fetch, fetched again at once while batches come back full: a backlog (the morning
  // digests, receipts after a news story) drains without waiting a poll interval per job. Each job is settled
  // on its own, so one failing e-mail is retried without its neighbours.
  await boss.work<never>(
    job.name,
    { pollingIntervalSeconds: options.pollingSeconds ?? 2, batchSize: 10, burstWhenBatchFull: true, perJobResults: true },
    async (items) => {
      const results: JobResult[] = [];
      for (const item of items) {
        try {
          await run(job, item);
          results.push({ id: item.id, status: 'completed' });
        } catch (error) {
          options.logger.warn({ err: error, job: job.name, retry: item.retryCount }, 'job failed; it will be retried');
          results.push({ id: item.id, status: 'failed', output: { message: error instanceof Error ? error.message : 'failed' } });
        }
      }
      return results;
    },
  );
}

/** Enqueues each due occurrence that no instance has enqueued yet; how many this call enqueued. */
function dueEnqueuer(boss: PgBoss, knex: Knex, jobs: readonly JobDefinition<never>[], now: () => Date): () => Promise<number> {
  const scheduled = jobs.flatMap((job) => (job.cron ? [{ name: job.name, cron: job.cron }] : []));
  return async () => {
    const at = now();
    let enqueued = 0;
    for (const job of scheduled) {
      const occurrence = latestOccurrence(job.cron, at);
      if (at.getTime() - occurrence.getTime() > CATCH_UP_MS) continue;
      // Two instances inserting the same occurrence: the second waits for the first's transaction, then finds
      // the row and enqueues nothing. A rolled-back first leaves the occurrence to the second.
      const recorded = await knex.transaction(async (trx) => {
        if (!(await recordOccurrence(trx, job.name, occurrence))) return false;
        await boss.send(job.name, { occurrence: occurrence.toISOString() }, { db: fromKnex(trx) });
        return true;
      });
      if (recorded) enqueued++;
    }
    return enqueued;
  };
}

/** Looks for due occurrences every few seconds (and once at once: one due during a restart does not wait). */
function scheduleChecks(enqueueDue: () => Promise<number>, logger: Logger, seconds: number, hasSchedules: boolean): { stop(): Promise<void> } {
  let checking: Promise<unknown> | undefined;
  const check = (): void => {
    checking ??= enqueueDue()
      .catch((error: unknown) => logger.error({ err: error }, 'could not enqueue scheduled jobs'))
      .finally(() => {
        checking = undefined;
      });
  };
  const timer = hasSchedules && seconds > 0 ? setInterval(check, seconds * 1000) : undefined;
  timer?.unref();
  if (timer) check();
  return {
    async stop() {
      clearInterval(timer);
      await checking;
    },
  };
}

export async function startJobQueue(options: JobQueueOptions): Promise<RunningJobQueue> {
  const { knex, logger } = options;
  const boss = new PgBoss({ connectionString: options.connectionString, application_name: 'ukuk-jobs', max: 4, schedule: false });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  const run = jobRunner(knex, logger);
  for (const job of options.jobs) await registerJob(boss, job, options, run);
  const enqueueDue = dueEnqueuer(boss, knex, options.jobs, options.now ?? (() => new Date()));
  const checks = scheduleChecks(
    enqueueDue,
    logger,
    options.scheduleCheckSeconds ?? 30,
    options.jobs.some((job) => job.cron),
  );
  return {
    async send(name, data, sendOptions = {}) {
      await boss.send(name, data, {
        ...(sendOptions.trx ? { db: fromKnex(sendOptions.trx) } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },
    enqueueDue,
    async stop() {
      await checks.stop();
      // The portal stops within seconds, without waiting for long jobs: a job still running after one second is
      // failed, and pg-boss runs it again later (a scheduled occurrence's transaction is rolled back with it).
      await boss.stop({ graceful: true, timeout: 1_000 });
    },
  };
}
