/**
 * Housekeeping on a schedule: audit checkpoint, abandoned drafts and receipts, ended rate-limit and upload
 * quota windows, and a daily sweep of file bytes and temporary upload files that nothing refers to.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { deleteAbandonedDrafts, deleteOldUploadUsage, type BlobStorage } from '../features/attachments/repository.ts';
import { sweepUploads } from '../features/attachments/service.ts';
import { writeCheckpoint } from '../features/audit/service.ts';
import { deleteStaleReceipts } from '../features/cases/repository.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { JobDefinition } from './queue.ts';

export function maintenanceJobs(deps: { knex: Knex; logger: Logger; limiter?: RateLimiter; uploads?: { storage: BlobStorage; tmpDir: string } }): JobDefinition<never>[] {
  return [
    {
      name: 'audit-checkpoint',
      cron: '5 0 * * *',
      async handle() {
        const checkpoint = await writeCheckpoint(deps.knex);
        deps.logger.info({ events: checkpoint.eventCount }, 'audit checkpoint written');
      },
    },
    {
      name: 'cleanup',
      cron: '17 * * * *',
      async handle() {
        const drafts = await deleteAbandonedDrafts(deps.knex, 24);
        const receipts = await deleteStaleReceipts(deps.knex, 24);
        const windows = (await deps.limiter?.prune()) ?? 0;
        const uploadWindows = await deleteOldUploadUsage(deps.knex);
        deps.logger.info({ drafts, receipts, windows, uploadWindows }, 'cleanup done');
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
