/** Housekeeping on a schedule: audit checkpoint, abandoned drafts and receipts, ended rate-limit windows. */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { deleteAbandonedDrafts } from '../features/attachments/repository.ts';
import { writeCheckpoint } from '../features/audit/service.ts';
import { deleteStaleReceipts } from '../features/cases/repository.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import type { JobDefinition } from './queue.ts';

export function maintenanceJobs(deps: { knex: Knex; logger: Logger; limiter?: RateLimiter }): JobDefinition<never>[] {
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
        deps.logger.info({ drafts, receipts, windows }, 'cleanup done');
      },
    },
  ];
}
