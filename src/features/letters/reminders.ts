/**
 * The reminders of request letters: every morning (09:00 Bishkek, once for all instances) each reminder whose
 * day has come goes to the outbox — an e-mail or a text message in the letter's language, naming the
 * organisation and the kind of request — and is deleted in the same transaction; reminders and kept letters
 * past their time are deleted. The clock is a dependency, so a test moves "today" instead of waiting for it.
 */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import { pathTo } from '../../http/paths.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import { bishkekToday, formatLongDate } from '../../lib/dates.ts';
import { record } from '../audit/service.ts';
import { queueEmail } from '../notifications/service.ts';
import { deleteExpiredTracking, deleteReminders, lockDueReminders } from './tracking-repository.ts';

const REMINDER_JOB = 'request-reminders';

interface ReminderDeps {
  knex: Knex;
  jobs: () => JobQueue;
  config: Pick<Config, 'publicUrl'>;
  /** The clock (tests set it). */
  now?: () => Date;
}

/** Queues every reminder due by `now`'s Bishkek day and deletes it; then deletes what is past its time. */
async function sendDueReminders(deps: ReminderDeps, trx: Knex.Transaction, now: Date): Promise<{ sent: number; expired: number }> {
  const due = await lockDueReminders(trx, bishkekToday(now));
  for (const reminder of due) {
    const lang = reminder.language;
    await queueEmail(trx, deps.jobs(), {
      caseId: null,
      to: reminder.contact,
      language: lang,
      channel: reminder.channel,
      template: 'request-reminder',
      params: {
        organisation: reminder.organisation_name,
        requestType: reminder.request_type,
        sent: formatLongDate(reminder.sending_date, lang),
        replyBy: formatLongDate(reminder.remind_on, lang),
        link: `${deps.config.publicUrl}${pathTo('letters.myRequest', { lang })}`,
      },
    });
  }
  await deleteReminders(
    trx,
    due.map((reminder) => reminder.id),
  );
  const expired = await deleteExpiredTracking(trx, now);
  // Counts only: the run is accountable without naming anyone.
  if (due.length || expired.reminders || expired.requests)
    await record(trx, {
      actorType: 'system',
      action: 'request.reminders.sent',
      details: { sent: due.length, remindersDeleted: expired.reminders, requestsDeleted: expired.requests },
    });
  return { sent: due.length, expired: expired.reminders + expired.requests };
}

export function requestReminderJobs(deps: ReminderDeps): JobDefinition<never>[] {
  const job: JobDefinition = {
    name: REMINDER_JOB,
    cron: '0 9 * * *',
    async handle(_data, _job, run) {
      const now = deps.now?.() ?? new Date();
      if (run) await sendDueReminders(deps, run.trx, now);
      else await deps.knex.transaction((trx) => sendDueReminders(deps, trx, now));
    },
  };
  return [job] as JobDefinition<never>[];
}
