/** Request letters kept to come back to, and their reminders (tables tracked_requests, request_reminders). */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';

export interface TrackedRequestRow {
  id: string;
  code_hash: string;
  language: Language;
  request_type: string;
  /** YYYY-MM-DD */
  sending_date: string;
  reply_by: string;
  organisation_id: number | null;
  ciphertext: Buffer;
  iv: Buffer;
  auth_tag: Buffer;
  key_version: number;
  expires_at: Date;
}

export interface ReminderRow {
  id: number;
  channel: 'email' | 'sms';
  contact: string;
  organisation_name: string;
  request_type: string;
  language: Language;
  sending_date: string;
  remind_on: string;
  expires_at: Date;
}

const DATE_COLUMNS = ['sending_date', 'reply_by', 'remind_on'];
/** Dates as YYYY-MM-DD strings, whatever the driver's date parsing. */
function withDates<T extends object>(row: T): T {
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const column of DATE_COLUMNS) if (copy[column] !== undefined) copy[column] = dateText(copy[column]);
  return copy as T;
}

function dateText(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${String(value.getFullYear())}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
}

export async function insertTrackedRequest(trx: Knex.Transaction, row: TrackedRequestRow): Promise<void> {
  await trx('tracked_requests').insert(row);
}

export async function findTrackedRequestByHash(knex: Knex, codeHash: string): Promise<TrackedRequestRow | undefined> {
  const row = await knex<TrackedRequestRow>('tracked_requests').where({ code_hash: codeHash }).where('expires_at', '>', knex.fn.now()).first();
  return row && withDates(row);
}

export async function insertReminder(trx: Knex.Transaction, row: Omit<ReminderRow, 'id'>): Promise<void> {
  await trx('request_reminders').insert(row);
}

/** Reminders whose day has come, held until the transaction ends (two instances never send one twice). */
export async function lockDueReminders(trx: Knex.Transaction, today: string): Promise<ReminderRow[]> {
  const rows = await trx<ReminderRow>('request_reminders').where('remind_on', '<=', today).orderBy('id').forUpdate().skipLocked();
  return rows.map(withDates);
}

export async function deleteReminders(trx: Knex.Transaction, ids: readonly number[]): Promise<void> {
  await trx('request_reminders').whereIn('id', ids).delete();
}

/** Reminders past their 30 days (never sent) and tracked requests past their time: deleted. */
export async function deleteExpiredTracking(knex: Knex, now: Date): Promise<{ reminders: number; requests: number }> {
  const reminders = await knex('request_reminders').where('expires_at', '<=', now).delete();
  const requests = await knex('tracked_requests').where('expires_at', '<=', now).delete();
  return { reminders, requests };
}

/** Reminders asked for this contact since `since`: the per-number (and per-address) limit. */
export async function remindersFor(knex: Knex, contact: string, since: Date): Promise<number> {
  const [row] = await knex('request_reminders')
    .whereRaw('lower(contact) = ?', [contact.toLowerCase()])
    .andWhere('created_at', '>', since)
    .count<{ count: string }[]>('* as count');
  return Number(row?.count ?? 0);
}

/** Serialises reminders asked for one contact until the transaction ends, so two at once cannot both pass the limit. */
export async function lockContact(trx: Knex.Transaction, contact: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`reminder:${contact.toLowerCase()}`]);
}
