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
}

interface OutboxRow {
  id: number;
  case_id: number | null;
  recipient: string;
  language: Language;
  template: string;
  params: Record<string, string>;
  status: 'pending' | 'sent';
  attempts: number;
}

export async function insertOutbox(trx: Knex.Transaction, message: Omit<OutboxMessage, 'id' | 'status' | 'attempts'>): Promise<number> {
  const [row] = await trx('mail_outbox')
    .insert({ case_id: message.caseId, recipient: message.recipient, language: message.language, template: message.template, params: message.params, enqueued_at: trx.fn.now() })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('outbox message not written');
  return row.id;
}

export async function findOutbox(knex: Knex, id: number): Promise<OutboxMessage | undefined> {
  const row = await knex<OutboxRow>('mail_outbox').where({ id }).first();
  return row && { id: row.id, caseId: row.case_id, recipient: row.recipient, language: row.language, template: row.template, params: row.params, status: row.status, attempts: row.attempts };
}

export async function markSent(knex: Knex, id: number): Promise<void> {
  await knex('mail_outbox').where({ id }).update({ status: 'sent', sent_at: knex.fn.now(), last_error: null });
}

export async function markAttemptFailed(knex: Knex, id: number, error: string): Promise<void> {
  await knex('mail_outbox').where({ id }).increment('attempts', 1).update({ last_error: error.slice(0, 200) });
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

/** Removes a secret from the parameters of messages already sent (e.g. a resume code): kept only to deliver. */
export async function forgetSentParam(knex: Knex, template: string, param: string): Promise<number> {
  return knex('mail_outbox').where({ template, status: 'sent' }).whereRaw('params \\? ?', [param]).update({ params: knex.raw('params - ?', [param]) });
}
