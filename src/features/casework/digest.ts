/**
 * The morning digest: each officer with open cases gets one e-mail (in their own language) listing the
 * references of their cases that are overdue or due within three days — references and dates only, the
 * dates written out in the officer's language.
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import { addDays, bishkekToday, formatLongDate } from '../../lib/dates.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import { pathTo } from '../../http/paths.ts';
import { queueEmail } from '../notifications/service.ts';
import { dueSoonFor, officersWithCases } from './queue-repository.ts';

const DIGEST_JOB = 'staff-digest';
const SOON_DAYS = 3;

interface DigestDeps {
  knex: Knex;
  translator: Translator;
  config: Pick<Config, 'publicUrl'>;
}

export async function sendDigests(deps: DigestDeps & { jobs: JobQueue }, today = bishkekToday()): Promise<number> {
  const queue = `${deps.config.publicUrl}${pathTo('staff.cases.index')}`;
  let sent = 0;
  for (const officer of await officersWithCases(deps.knex)) {
    const cases = await dueSoonFor(deps.knex, officer.id, addDays(today, SOON_DAYS));
    if (cases.length === 0) continue;
    const t = deps.translator.forLanguage(officer.language);
    const lines = cases
      .map(
        (item) =>
          `${item.reference} — ${formatLongDate(item.answer_due, officer.language)}${item.answer_due < today ? ` (${t('emails.staff-digest.overdue')})` : ''}`,
      )
      .join('\n');
    await deps.knex.transaction((trx) =>
      queueEmail(trx, deps.jobs, {
        caseId: null,
        to: officer.email,
        language: officer.language,
        template: 'staff-digest',
        params: { count: String(cases.length), cases: lines, link: `${queue}?assignee=me&due=soon`, overdueLink: `${queue}?assignee=me&due=overdue` },
      }),
    );
    sent++;
  }
  return sent;
}

export function digestJobs(deps: DigestDeps & { jobs: () => JobQueue }): JobDefinition<never>[] {
  const digest: JobDefinition = {
    name: DIGEST_JOB,
    cron: '0 8 * * 1-5',
    // In the occurrence's transaction: the e-mails are queued together with the mark that the digest ran.
    async handle(_data, _job, run) {
      await sendDigests({ ...deps, knex: run?.trx ?? deps.knex, jobs: deps.jobs() });
    },
  };
  return [digest] as JobDefinition<never>[];
}
