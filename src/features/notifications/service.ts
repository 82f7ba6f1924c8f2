/**
 * Notifications to citizens: written to the outbox in the transaction of the change they report, with a
 * delivery job queued in that same transaction. E-mails carry the case reference and a link to sign in —
 * never case content or the access code. They are written in the case's language.
 */
import type { Knex } from 'knex';
import type { Config, Language } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import type { Mailer } from './mailer.ts';
import { claimStalePending, findOutbox, insertOutbox, markAttemptFailed, markSent } from './repository.ts';

export const DELIVER_JOB = 'mail-deliver';
export const SWEEP_JOB = 'mail-sweep';

export type EmailTemplate = 'case-received' | 'case-updated' | 'case-message' | 'access-code-reset' | 'staff-digest' | 'draft-saved';

export interface EmailRequest {
  caseId: number | null;
  to: string;
  language: Language;
  template: EmailTemplate;
  /** Only references, links and dates: nothing a citizen or officer wrote. */
  params: Record<string, string>;
}

export async function queueEmail(trx: Knex.Transaction, jobs: JobQueue, request: EmailRequest): Promise<void> {
  const id = await insertOutbox(trx, { caseId: request.caseId, recipient: request.to, language: request.language, template: request.template, params: request.params });
  await jobs.send(DELIVER_JOB, { outboxId: id }, { trx, singletonKey: `outbox-${id}` });
}

export function renderEmail(translator: Translator, config: Pick<Config, 'authority' | 'publicUrl'>, template: string, lang: Language, params: Record<string, string>) {
  const t = translator.forLanguage(lang);
  const values = { ...params, portal: config.publicUrl, trackLink: `${config.publicUrl}/${lang}/track`, authority: config.authority.name[lang] };
  return {
    subject: t(`emails.${template}.subject`, values),
    text: [t(`emails.${template}.body`, values), '', '—', t(translator.exists(lang, `emails.${template}.footer`) ? `emails.${template}.footer` : 'emails.footer', values)].join('\n'),
  };
}

export interface NotificationDeps {
  knex: Knex;
  mailer: Mailer;
  translator: Translator;
  config: Pick<Config, 'authority' | 'publicUrl'>;
  jobs: () => JobQueue;
  /** First retry after this many seconds, doubling up to 30 minutes (tests shorten it). */
  retryDelaySeconds?: number;
}

/** Background jobs: deliver one outbox message (retried with backoff), and re-queue any whose retries ran out. */
export function notificationJobs(deps: NotificationDeps): JobDefinition<never>[] {
  const deliver: JobDefinition<{ outboxId: number }> = {
    name: DELIVER_JOB,
    retryLimit: 12,
    retryDelaySeconds: deps.retryDelaySeconds ?? 15,
    retryDelayMaxSeconds: 1800,
    async handle({ outboxId }) {
      const message = await findOutbox(deps.knex, outboxId);
      if (!message || message.status === 'sent') return;
      const { subject, text } = renderEmail(deps.translator, deps.config, message.template, message.language, message.params);
      try {
        await deps.mailer.send({ to: message.recipient, subject, text, messageId: `<outbox-${message.id}@ukuk>` });
      } catch (error) {
        await markAttemptFailed(deps.knex, message.id, error instanceof Error ? (error as Error & { code?: string }).code ?? error.name : 'error');
        throw error;
      }
      await markSent(deps.knex, message.id);
    },
  };
  const sweep: JobDefinition = {
    name: SWEEP_JOB,
    cron: '*/10 * * * *',
    async handle() {
      for (const id of await claimStalePending(deps.knex, 360)) await deps.jobs().send(DELIVER_JOB, { outboxId: id }, { singletonKey: `outbox-${id}` });
    },
  };
  return [deliver, sweep] as JobDefinition<never>[];
}
