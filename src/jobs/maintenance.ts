/**
 * Housekeeping on a schedule: audit checkpoint, security refusals counted per window turned into audit events,
 * forms saved more than 30 days ago, abandoned draft files and receipts, delivered resume codes, ended rate-limit
 * and upload quota windows, old alert markers and old occurrence records, and a daily sweep of file bytes and
 * temporary upload files that nothing refers to. Each occurrence's work is done in the transaction that marks it
 * done (run.trx), so it is committed once or not at all.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { RetentionConfig } from '../config.ts';
import { deleteAbandonedDrafts, deleteOldUploadUsage } from '../features/attachments/repository.ts';
import type { BlobStorage } from '../features/attachments/types.ts';
import { sweepUploads } from '../features/attachments/service.ts';
import { flushSecurityEvents, forgetOldAlerts } from '../features/audit/security-events.ts';
import { writeCheckpoint } from '../features/audit/service.ts';
import { deleteStaleReceipts } from '../features/cases/repository.ts';
import { deleteOldOccurrences } from './occurrences-repository.ts';
import { purgeExpiredDrafts } from '../features/intake/saved-drafts.ts';
import { deleteSentOf, forgetSentParam } from '../features/notifications/repository.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { JobDefinition } from './queue.ts';

/** Long enough to answer "did last month's checkpoints run?", short enough to stay small. */
const OCCURRENCE_RECORD_DAYS = 90;

export function maintenanceJobs(deps: {
  knex: Knex;
  logger: Logger;
  limiter?: RateLimiter;
  uploads?: { storage: BlobStorage; tmpDir: string };
  /** How long files uploaded to a form never sent are kept (RETENTION_UPLOAD_HOURS; 24 by default). */
  retention?: Pick<RetentionConfig, 'uploadHours'>;
}): JobDefinition<never>[] {
  return [
    {
      name: 'audit-checkpoint',
      cron: '5 0 * * *',
      async handle(_data, _job, run) {
        const checkpoint = await writeCheckpoint(run?.trx ?? deps.knex);
        deps.logger.info({ events: checkpoint.eventCount }, 'audit checkpoint written');
      },
    },
    {
      name: 'security-events',
      cron: '* * * * *',
      async handle() {
        const events = await flushSecurityEvents(deps.knex);
        if (events > 0) deps.logger.info({ events }, 'security refusals recorded');
      },
    },
    {
      name: 'cleanup',
      cron: '17 * * * *',
      async handle(_data, _job, run) {
        const knex = run?.trx ?? deps.knex;
        // Saved forms past their 30 days go first, so the sweep that follows removes their files too.
        const savedDrafts = await purgeExpiredDrafts(knex);
        const drafts = await deleteAbandonedDrafts(knex, deps.retention?.uploadHours ?? 24);
        const receipts = await deleteStaleReceipts(knex, 24);
        const windows = (await deps.limiter?.prune()) ?? 0;
        const alerts = await forgetOldAlerts(knex, 7);
        const occurrences = await deleteOldOccurrences(knex, OCCURRENCE_RECORD_DAYS);
        const uploadWindows = await deleteOldUploadUsage(knex);
        // A resume code sent by e-mail is not kept in the outbox once delivered.
        const codes = await forgetSentParam(knex, 'draft-saved', 'code');
        // A request reminder's contact and organisation are kept only until it is delivered.
        const reminders = await deleteSentOf(knex, 'request-reminder');
        deps.logger.info({ savedDrafts, drafts, receipts, windows, alerts, occurrences, uploadWindows, codes, reminders }, 'cleanup done');
      },
    },
    {
      name: 'upload-sweep',
      cron: '41 3 * * *',
      async handle() {
        if (!deps.uploads) return;
        const swept = await sweepUploads(deps.knex, deps.uploads.storage, deps.uploads.tmpDir);
        deps.logger.info(swept, 'upload sweep done');
      },
    },
  ];
}
