/** The mail outbox: every notification is written here in the transaction of the change it reports. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';

export interface OutboxMessage {
  id: number;
  caseId: number | null;
  recipient: string;
  language: Language;
  template: string;
  params: Record<string, string>;
  status: 'pending' | 'sent';
  attempts: number;
  /** Pending messages with the same key and recipient are delivered as one e-mail. */
  batchKey: string | null;
  /** E-mail, or a text message to a number in E.164. */
  channel: Channel;
}

export type Channel = 'email' | 'sms';

interface OutboxRow {
  id: number;
  case_id: number | null;
  recipient: string;
  language: Language;
  template: string;
  params: Record<string, string>;
  status: 'pending' | 'sent';
  attempts: number;
  batch_key: string | null;
  channel: Channel;
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    caseId: row.case_id,
    recipient: row.recipient,
    language: row.language,
    template: row.template,
    params: row.params,
    status: row.status,
    attempts: row.attempts,
    batchKey: row.batch_key,
    channel: row.channel,
  };
}

export async function insertOutbox(
  trx: Knex.Transaction,
  message: Omit<OutboxMessage, 'id' | 'status' | 'attempts' | 'channel'> & { channel?: Channel },
): Promise<number> {
  const [row] = await trx('mail_outbox')
    .insert({
      case_id: message.caseId,
      recipient: message.recipient,
      language: message.language,
      template: message.template,
      params: message.params,
      batch_key: message.batchKey,
      channel: message.channel ?? 'email',
      enqueued_at: trx.fn.now(),
    })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('outbox message not written');
  return row.id;
}

export async function findOutbox(knex: Knex, id: number): Promise<OutboxMessage | undefined> {
  const row = await knex<OutboxRow>('mail_outbox').where({ id }).first();
  return row && toMessage(row);
}

/**
 * Every pending message of a batch, oldest first, with the batch held for this transaction: two deliveries
 * of the same batch (a retry and the job of a later update) never send it twice.
 */
export async function lockPendingBatch(trx: Knex.Transaction, batchKey: string, recipient: string): Promise<OutboxMessage[]> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`mail:${batchKey}:${recipient}`]);
  const rows = await trx<OutboxRow>('mail_outbox').where({ batch_key: batchKey, recipient, status: 'pending' }).orderBy('id');
  return rows.map(toMessage);
}

export async function markSent(knex: Knex, ids: readonly number[]): Promise<void> {
  await knex('mail_outbox').whereIn('id', ids).update({ status: 'sent', sent_at: knex.fn.now(), last_error: null });
}

export async function markAttemptFailed(knex: Knex, ids: readonly number[], error: string): Promise<void> {
  await knex('mail_outbox')
    .whereIn('id', ids)
    .increment('attempts', 1)
    .update({ last_error: error.slice(0, 200) });
}

/** Pending messages whose delivery job has not been (re)queued for a while: their job ran out of retries. */
export async function claimStalePending(knex: Knex, olderThanMinutes: number): Promise<number[]> {
  const rows = await knex('mail_outbox')
    .where({ status: 'pending' })
    .andWhere('enqueued_at', '<', knex.raw(`now() - make_interval(mins => ?)`, [olderThanMinutes]))
    .update({ enqueued_at: knex.fn.now() })
    .returning<{ id: number }[]>('id');
  return rows.map((row) => row.id);
}

/** Serialises unsolicited e-mails from one template to one address until the transaction ends. */
export async function lockUnsolicitedRecipient(trx: Knex.Transaction, template: string, recipient: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`unsolicited-mail:${template}:${recipient.trim().toLowerCase()}`]);
}

/** Whether an e-mail from this template went (or is going) to this address in the last `minutes` minutes. */
export async function sentRecently(knex: Knex, template: string, recipient: string, minutes: number): Promise<boolean> {
  const row = await knex('mail_outbox')
    .where({ template })
    .andWhereRaw('lower(recipient) = ?', [recipient.trim().toLowerCase()])
    .andWhere('created_at', '>', knex.raw('now() - make_interval(mins => ?)', [minutes]))
    .first<{ id: number } | undefined>('id');
  return row !== undefined;
}

/** Removes a secret from the parameters of messages already sent (e.g. a resume code): kept only to deliver. */
export async function forgetSentParam(knex: Knex, template: string, param: string): Promise<number> {
  return knex('mail_outbox')
    .where({ template, status: 'sent' })
    .whereRaw('params \\? ?', [param])
    .update({ params: knex.raw('params - ?', [param]) });
}

/** Deletes the messages of a template once sent (a request reminder: its contact is kept only to deliver it). */
export async function deleteSentOf(knex: Knex, template: string): Promise<number> {
  return knex('mail_outbox').where({ template, status: 'sent' }).delete();
}
