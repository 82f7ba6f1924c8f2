/** The daily anonymisation of cases past their retention period: one occurrence for all instances (run.trx). */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { RetentionConfig } from '../../config.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { anonymiseExpired } from './service.ts';

export function retentionJobs(deps: { knex: Knex; logger: Logger; retention: RetentionConfig }): JobDefinition<never>[] {
  return [
    {
      name: 'anonymise',
      cron: '23 2 * * *',
      async handle(_data, _job, run) {
        const done = await anonymiseExpired(run?.trx ?? deps.knex, deps.retention);
        deps.logger.info(done, 'anonymisation done');
      },
    },
  ];
}
