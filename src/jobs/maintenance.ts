/**
 * Housekeeping on a schedule: audit checkpoint, security refusals counted per window turned into audit events,
 * abandoned drafts and receipts, ended rate-limit windows, old alert markers.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { deleteAbandonedDrafts } from '../features/attachments/repository.ts';
import { flushSecurityEvents, forgetOldAlerts } from '../features/audit/security-events.ts';
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
      async handle() {
        const drafts = await deleteAbandonedDrafts(deps.knex, 24);
        const receipts = await deleteStaleReceipts(deps.knex, 24);
        const windows = (await deps.limiter?.prune()) ?? 0;
        const alerts = await forgetOldAlerts(deps.knex, 7);
        deps.logger.info({ drafts, receipts, windows, alerts }, 'cleanup done');
      },
    },
  ];
}
