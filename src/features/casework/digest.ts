/**
 * The morning digest: each officer with open cases gets one e-mail (in their own language) listing the
 * references of their cases that are overdue or due within three days — references and dates only.
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import { addDays, bishkekToday } from '../../http/dates.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import { queueEmail } from '../notifications/service.ts';
import { dueSoonFor, officersWithCases } from './repository.ts';

export const DIGEST_JOB = 'staff-digest';
const SOON_DAYS = 3;

export async function sendDigests(deps: { knex: Knex; jobs: JobQueue; config: Pick<Config, 'publicUrl'> }, today = bishkekToday()): Promise<number> {
  let sent = 0;
  for (const officer of await officersWithCases(deps.knex)) {
    const cases = await dueSoonFor(deps.knex, officer.id, addDays(today, SOON_DAYS));
    if (cases.length === 0) continue;
    const lines = cases.map((item) => `${item.reference} — ${item.answer_due}${item.answer_due < today ? ' (!)' : ''}`).join('\n');
    await deps.knex.transaction((trx) =>
      queueEmail(trx, deps.jobs, {
        caseId: null,
        to: officer.email,
        language: officer.language,
        template: 'staff-digest',
        params: { count: String(cases.length), cases: lines, link: `${deps.config.publicUrl}/staff/cases?assignee=me&due=soon`, overdueLink: `${deps.config.publicUrl}/staff/cases?assignee=me&due=overdue` },
      }),
    );
    sent++;
  }
  return sent;
}

export function digestJobs(deps: { knex: Knex; jobs: () => JobQueue; config: Pick<Config, 'publicUrl'> }): JobDefinition<never>[] {
  const digest: JobDefinition = {
    name: DIGEST_JOB,
    cron: '0 8 * * 1-5',
    // In the occurrence's transaction: the e-mails are queued together with the mark that the digest ran.
    async handle(_data, _job, run) {
      await sendDigests({ knex: run?.trx ?? deps.knex, jobs: deps.jobs(), config: deps.config });
    },
  };
  return [digest] as JobDefinition<never>[];
}
