/**
 * Notifications to citizens and staff: written to the outbox in the transaction of the change they report,
 * with a delivery job queued in that same transaction. E-mails name the kind of update and the case
 * reference, with a link to sign in — never case content, names or the access code. Citizens read them in
 * the case's language, staff in their own.
 *
 * Updates about a case wait a short window (MAIL_BATCH_SECONDS): whatever else happens to the case for the
 * same recipient meanwhile goes out in the same e-mail, one line per kind of update.
 */
import type { Knex } from 'knex';
import type { Config, Language } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import type { Mailer } from './mailer.ts';
import { isCaseUpdate, renderCaseUpdates, renderEmail, renderSms, type CaseUpdate } from './render.ts';
import type { SmsSender } from './sms.ts';
import {
  claimStalePending,
  findOutbox,
  insertOutbox,
  lockPendingBatch,
  lockUnsolicitedRecipient,
  markAttemptFailed,
  markSent,
  sentRecently,
  type Channel,
  type OutboxMessage,
} from './repository.ts';

export const DELIVER_JOB = 'mail-deliver';
const SWEEP_JOB = 'mail-sweep';

export type { CaseUpdate };

type EmailTemplate =
  | 'case-received'
  | 'access-code-reset'
  | 'case-reference'
  | 'staff-digest'
  | 'staff-setup-link'
  | 'staff-access-request'
  | 'staff-sign-in-alert'
  | 'staff-assigned-many'
  | 'draft-saved'
  | 'request-reminder'
  | CaseUpdate;

export interface EmailRequest {
  caseId: number | null;
  to: string;
  language: Language;
  template: EmailTemplate;
  /** Only references, links, counts and dates: nothing a citizen or officer wrote. */
  params: Record<string, string>;
  /** By e-mail (the default), or as a text message to `to`, a number in E.164. */
  channel?: Channel;
}

/** One e-mail, sent as soon as the delivery job runs (receipts, links, digests). */
export async function queueEmail(trx: Knex.Transaction, jobs: JobQueue, request: EmailRequest): Promise<void> {
  const id = await insertOutbox(trx, {
    caseId: request.caseId,
    recipient: request.to,
    language: request.language,
    template: request.template,
    params: request.params,
    batchKey: null,
    channel: request.channel ?? 'email',
  });
  await jobs.send(DELIVER_JOB, { outboxId: id }, { trx, singletonKey: `outbox-${id}` });
}

/**
 * Queues an e-mail to an address nobody has verified (one a citizen typed), at most once per address, template
 * and hour: the portal cannot be used to flood someone's inbox. Returns whether it was queued.
 */
export async function queueUnsolicitedEmail(trx: Knex.Transaction, jobs: JobQueue, request: EmailRequest): Promise<boolean> {
  // Serialises concurrent requests for the same address, so two at once cannot both pass the check.
  await lockUnsolicitedRecipient(trx, request.template, request.to);
  if (await sentRecently(trx, request.template, request.to, 60)) return false;
  await queueEmail(trx, jobs, request);
  return true;
}

/**
 * An update about a case, delivered after `windowSeconds` together with every other update of the same case
 * for the same recipient still pending then.
 */
export async function queueCaseUpdate(
  trx: Knex.Transaction,
  jobs: JobQueue,
  request: EmailRequest & { caseId: number; template: CaseUpdate },
  windowSeconds: number,
): Promise<void> {
  const id = await insertOutbox(trx, {
    caseId: request.caseId,
    recipient: request.to,
    language: request.language,
    template: request.template,
    params: request.params,
    batchKey: `case:${String(request.caseId)}`,
    channel: request.channel ?? 'email',
  });
  await jobs.send(DELIVER_JOB, { outboxId: id }, { trx, singletonKey: `outbox-${id}`, startAfterSeconds: windowSeconds });
}

export interface NotificationDeps {
  knex: Knex;
  mailer: Mailer;
  sms: SmsSender;
  translator: Translator;
  config: Pick<Config, 'authority' | 'publicUrl'>;
  jobs: () => JobQueue;
  /** First retry after this many seconds, doubling up to 30 minutes (tests shorten it). */
  retryDelaySeconds?: number;
}

function failureCode(error: unknown): string {
  return error instanceof Error ? ((error as Error & { code?: string }).code ?? error.name) : 'error';
}

/**
 * Background jobs: deliver an outbox message — with every pending message of its batch — retried with
 * backoff, and re-queue any whose retries ran out.
 */
/** One message (or the first of a batch, standing for all of it) through its channel. */
async function send(deps: NotificationDeps, message: OutboxMessage, batch: readonly OutboxMessage[]): Promise<void> {
  if (message.channel === 'sms') {
    const text = renderSms(deps.translator, deps.config, message.template, message.language, message.params);
    await deps.sms.send({ to: message.recipient, text, id: `outbox-${String(message.id)}` });
    return;
  }
  const { subject, text } = isCaseUpdate(message.template)
    ? renderCaseUpdates(deps.translator, deps.config, message.language, batch)
    : renderEmail(deps.translator, deps.config, message.template, message.language, message.params);
  await deps.mailer.send({ to: message.recipient, subject, text, messageId: `<outbox-${String(message.id)}@ukuk>` });
}

export function notificationJobs(deps: NotificationDeps): JobDefinition<never>[] {
  async function deliverAlone(message: OutboxMessage): Promise<void> {
    try {
      await send(deps, message, [message]);
    } catch (error) {
      await markAttemptFailed(deps.knex, [message.id], failureCode(error));
      throw error;
    }
    await markSent(deps.knex, [message.id]);
  }

  async function deliverBatch(batchKey: string, recipient: string): Promise<void> {
    let failure: Error | undefined;
    await deps.knex.transaction(async (trx) => {
      const batch = await lockPendingBatch(trx, batchKey, recipient);
      const [first] = batch;
      if (!first) return;
      const ids = batch.map((message) => message.id);
      try {
        await send(deps, first, batch);
        await markSent(trx, ids);
      } catch (error) {
        failure = error instanceof Error ? error : new Error('delivery failed');
        await markAttemptFailed(trx, ids, failureCode(error));
      }
    });
    if (failure) throw failure;
  }

  const deliver: JobDefinition<{ outboxId: number }> = {
    name: DELIVER_JOB,
    retryLimit: 12,
    retryDelaySeconds: deps.retryDelaySeconds ?? 15,
    retryDelayMaxSeconds: 1800,
    async handle({ outboxId }) {
      const message = await findOutbox(deps.knex, outboxId);
      if (!message || message.status === 'sent') return;
      if (message.batchKey) await deliverBatch(message.batchKey, message.recipient);
      else await deliverAlone(message);
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
