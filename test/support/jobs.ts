/**
 * The run's background jobs: a real pg-boss queue on the test database, delivering mail to the test SMTP
 * sink — started on first use, stopped at the end of the run.
 */
import type { ParsedMail } from 'mailparser';
import { createMailer } from '../../src/features/notifications/mailer.ts';
import { notificationJobs } from '../../src/features/notifications/service.ts';
import { createSmsSender } from '../../src/features/notifications/sms.ts';
import { requestReminderJobs } from '../../src/features/letters/reminders.ts';
import { caseKeys } from '../../src/features/cases/keys.ts';
import { lostCodeJobs } from '../../src/features/cases/lost-code.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { maintenanceJobs } from '../../src/jobs/maintenance.ts';
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.ts';
import { testConfig, testLogger } from './app.ts';
import { testDatabase } from './database.ts';
import { startMailSink, type MailSink } from './mail.ts';
import { startSmsSink, type SmsSink } from './sms.ts';

let running: Promise<{ queue: JobQueue; sink: MailSink; smsSink: SmsSink; close(): Promise<void> }> | undefined;

export function testJobs(): Promise<{ queue: JobQueue; sink: MailSink; smsSink: SmsSink }> {
  running ??= (async () => {
    const sink = await startMailSink();
    const smsSink = await startSmsSink();
    const config = testConfig({ SMTP_URL: sink.url, SMS_URL: smsSink.url, SMS_TOKEN: smsSink.token });
    const mailer = createMailer({ smtpUrl: sink.url, from: config.mailFrom, mailDir: '' });
    const sms = createSmsSender({ ...config.sms, smsDir: '' });
    const { knex, url } = testDatabase();
    const queue: JobQueue = await startJobQueue({
      connectionString: url,
      knex,
      logger: testLogger(),
      pollingSeconds: 0.5,
      jobs: [
        ...notificationJobs({ knex, mailer, sms, translator: createTranslator({ strict: true }), config, jobs: () => queue, retryDelaySeconds: 1 }),
        ...requestReminderJobs({ knex, jobs: () => queue, config }),
        ...maintenanceJobs({ knex, logger: testLogger() }),
        ...lostCodeJobs({ knex, keys: caseKeys(config.dataEncryptionKey), config, jobs: () => queue }),
      ],
    });
    const started = queue;
    return {
      queue: started,
      sink,
      smsSink,
      async close() {
        await started.stop();
        mailer.close();
        await sink.close();
        await smsSink.close();
      },
    };
  })();
  return running;
}

export async function stopTestJobs(): Promise<void> {
  const current = running;
  running = undefined;
  if (current) await (await current).close();
}

export async function mailTo(address: string, match: (mail: ParsedMail) => boolean = () => true): Promise<ParsedMail> {
  const { sink } = await testJobs();
  return sink.waitFor((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '').includes(address) && match(mail));
}

/** Waits until the job of this name queued by the request with this id has completed (its payload names the request). */
export async function jobCompleted(name: string, requestId: string): Promise<void> {
  const { knex } = testDatabase();
  for (let i = 0; i < 400; i++) {
    const job = await knex
      .withSchema('pgboss')
      .from('job')
      .where({ name })
      .whereRaw(`data ->> 'requestId' = ?`, [requestId])
      .first<{ state: string } | undefined>('state');
    if (job?.state === 'completed') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${name} of request ${requestId} did not complete`);
}
