/**
 * Background work on PostgreSQL (pg-boss): jobs survive restarts, are shared by every instance, and a job
 * can be created inside the transaction of the change that needs it. Scheduled jobs run once per schedule
 * across all instances.
 */
import type { Knex } from 'knex';
import { fromKnex, PgBoss, type Job, type JobResult } from 'pg-boss';
import type { Logger } from 'pino';

export interface JobDefinition<T extends object = object> {
  name: string;
  handle(data: T, job: Job<T>): Promise<void>;
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

export async function startJobQueue(options: {
  connectionString: string;
  logger: Logger;
  jobs: readonly JobDefinition<never>[];
  /** Seconds between polls when idle (tests use a short interval). */
  pollingSeconds?: number;
  /** Whether this instance works on jobs (false: it only enqueues). */
  work?: boolean;
  /** Seconds between checks for due scheduled jobs (pg-boss defaults: 30 and 5; tests use 1). */
  scheduleCheckSeconds?: number;
}): Promise<JobQueue> {
  const scheduling = options.scheduleCheckSeconds ? { cronMonitorIntervalSeconds: options.scheduleCheckSeconds, cronWorkerIntervalSeconds: options.scheduleCheckSeconds } : {};
  const boss = new PgBoss({ connectionString: options.connectionString, application_name: 'ukuk-jobs', max: 4, ...scheduling });
  boss.on('error', (error) => options.logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const job of options.jobs) {
    await boss.createQueue(job.name, {
      retryLimit: job.retryLimit ?? 5,
      retryDelay: job.retryDelaySeconds ?? 30,
      retryBackoff: true,
      retryDelayMax: job.retryDelayMaxSeconds ?? 3600,
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Bishkek' });
    if (options.work !== false) {
      // Up to ten jobs per fetch, fetched again at once while batches come back full: a backlog (the
      // morning digests, receipts after a news story) drains without waiting a poll interval per job.
      // Each job is settled on its own, so one failing e-mail is retried without its neighbours.
      await boss.work<never>(job.name, { pollingIntervalSeconds: options.pollingSeconds ?? 2, batchSize: 10, burstWhenBatchFull: true, perJobResults: true }, async (items) => {
        const results: JobResult[] = [];
        for (const item of items) {
          try {
            await job.handle(item.data, item);
            results.push({ id: item.id, status: 'completed' });
          } catch (error) {
            options.logger.warn({ err: error, job: job.name, retry: item.retryCount }, 'job failed; it will be retried');
            results.push({ id: item.id, status: 'failed', output: { message: error instanceof Error ? error.message : 'failed' } });
          }
        }
        return results;
      });
    }
  }
  return {
    async send(name, data, sendOptions = {}) {
      await boss.send(name, data, {
        ...(sendOptions.trx ? { db: fromKnex(sendOptions.trx) } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
