/**
 * Housekeeping on a schedule: audit checkpoint, forms saved more than 30 days ago, abandoned draft files and
 * receipts, delivered resume codes, ended rate-limit windows.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { deleteAbandonedDrafts } from '../features/attachments/repository.ts';
import { writeCheckpoint } from '../features/audit/service.ts';
import { deleteStaleReceipts } from '../features/cases/repository.ts';
import { purgeExpiredDrafts } from '../features/intake/saved-drafts.ts';
import { forgetSentParam } from '../features/notifications/repository.ts';
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
        // Saved forms past their 30 days go first, so the sweep that follows removes their files too.
        const savedDrafts = await purgeExpiredDrafts(deps.knex);
        const drafts = await deleteAbandonedDrafts(deps.knex, 24);
        const receipts = await deleteStaleReceipts(deps.knex, 24);
        const windows = (await deps.limiter?.prune()) ?? 0;
        // A resume code sent by e-mail is not kept in the outbox once delivered.
        const codes = await forgetSentParam(deps.knex, 'draft-saved', 'code');
        deps.logger.info({ savedDrafts, drafts, receipts, windows, codes }, 'cleanup done');
      },
    },
  ];
}
