/**
 * Following a request letter: the citizen keeps the letter under a code (25 digits from the CSPRNG, shown once)
 * and may ask for a reminder on the reply-by date. Only a keyed hash of the code is stored; the letter's answers
 * are sealed with a key derived from the code itself, so they can be read only by whoever holds it. A reminder
 * holds the contact, the organisation's name, the request type and the dates, nothing more, and is deleted once
 * sent or after 30 days.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { addDays, bishkekToday, daysBetween } from '../../lib/dates.ts';
import { KEY_VERSION, open, seal } from '../../lib/sealing.ts';
import type { CaseKeys } from '../cases/keys.ts';
import { record } from '../audit/service.ts';
import { generateResumeCode, normaliseResumeCode } from '../intake/resume-code.ts';
import { organisationChoice } from '../register/service.ts';
import type { LetterForm, RequestType } from './schemas.ts';
import { KEPT_LETTER_DAYS_AFTER_REPLY, REMINDER_KEPT_DAYS } from './service.ts';
import { findTrackedRequestByHash, insertReminder, insertTrackedRequest, lockContact, remindersFor } from './tracking-repository.ts';

/** Reminders one contact may be sent to per day (a number or address cannot be flooded through the portal). */
const REMINDERS_PER_CONTACT_PER_DAY = 3;

export interface TrackingDeps {
  knex: Knex;
  jobs: JobQueue;
  keys: Pick<CaseKeys, 'trackedRequests'>;
  /** Days the organisation has to answer (LETTER_REPLY_DAYS). */
  replyDays: number;
}

export interface ReminderContact {
  channel: 'email' | 'sms';
  contact: string;
}

export interface TrackedRequest {
  /** The code in normal form (digits only), for links back to the page. */
  code: string;
  language: Language;
  requestType: RequestType;
  sendingDate: string;
  replyBy: string;
  organisationId: number | null;
  form: LetterForm;
  organisationNumber: string;
}

const lookupHash = (keys: TrackingDeps['keys'], code: string) => createHmac('sha256', keys.trackedRequests).update(`lookup:${code}`).digest('hex');
const letterKey = (keys: TrackingDeps['keys'], code: string) => createHmac('sha256', keys.trackedRequests).update(`letter:${code}`).digest();

export class TooManyReminders extends Error {
  readonly field: string;
  constructor(field: string) {
    super('too many reminders for this contact');
    this.field = field;
  }
}

/**
 * Keeps a letter under a new code, with the reminders asked for, all in one transaction. Throws TooManyReminders
 * (nothing stored) when a contact already had its share today.
 */
export async function trackRequest(
  deps: TrackingDeps,
  input: { form: LetterForm; organisationNumber: string; reminders: readonly ReminderContact[]; now?: Date },
): Promise<{ code: string; replyBy: string }> {
  const now = input.now ?? new Date();
  const code = generateResumeCode();
  const normalised = normaliseResumeCode(code) ?? '';
  const id = randomUUID();
  const { form } = input;
  const replyBy = addDays(form.sendingDate, deps.replyDays);
  const organisation = input.organisationNumber ? await organisationChoice(deps.knex, input.organisationNumber, form.letterLanguage) : undefined;
  const sealed = seal(Buffer.from(JSON.stringify({ form, organisationNumber: input.organisationNumber })), letterKey(deps.keys, normalised), id);
  await deps.knex.transaction(async (trx) => {
    await insertTrackedRequest(trx, {
      id,
      code_hash: lookupHash(deps.keys, normalised),
      language: form.letterLanguage,
      request_type: form.requestType,
      sending_date: form.sendingDate,
      reply_by: replyBy,
      organisation_id: organisation?.id ?? null,
      ciphertext: sealed.ciphertext,
      iv: sealed.iv,
      auth_tag: sealed.authTag,
      key_version: KEY_VERSION,
      expires_at: new Date(`${addDays(replyBy, KEPT_LETTER_DAYS_AFTER_REPLY)}T00:00:00+06:00`),
    });
    // No contact, organisation or code: that a letter was kept, and by which channels it will remind.
    await record(trx, {
      actorType: 'citizen',
      action: 'request.kept',
      entityType: 'tracked_request',
      entityId: id,
      details: { type: form.requestType, reminders: input.reminders.map((reminder) => reminder.channel) },
    });
    for (const reminder of input.reminders) {
      await lockContact(trx, reminder.contact);
      if ((await remindersFor(trx, reminder.contact, new Date(now.getTime() - 86_400_000))) >= REMINDERS_PER_CONTACT_PER_DAY)
        throw new TooManyReminders(reminder.channel === 'sms' ? 'reminderPhone' : 'reminderEmail');
      await insertReminder(trx, {
        channel: reminder.channel,
        contact: reminder.contact,
        organisation_name: form.organisationName,
        request_type: form.requestType,
        language: form.letterLanguage,
        sending_date: form.sendingDate,
        remind_on: replyBy,
        expires_at: new Date(now.getTime() + REMINDER_KEPT_DAYS * 86_400_000),
      });
    }
  });
  return { code, replyBy };
}

/** The letter a code opens, if any (a wrong, malformed or expired code: undefined, all alike). */
export async function openTrackedRequest(deps: Pick<TrackingDeps, 'knex' | 'keys'>, typed: string): Promise<TrackedRequest | undefined> {
  const normalised = normaliseResumeCode(typed);
  // Hashed even when malformed, so every answer takes the same time.
  const row = await findTrackedRequestByHash(deps.knex, lookupHash(deps.keys, normalised ?? ''));
  if (!row || !normalised) return undefined;
  const content = JSON.parse(
    open({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.auth_tag }, letterKey(deps.keys, normalised), row.id).toString('utf8'),
  ) as { form: LetterForm; organisationNumber: string };
  return {
    code: normalised,
    language: row.language,
    requestType: row.request_type as RequestType,
    sendingDate: row.sending_date,
    replyBy: row.reply_by,
    organisationId: row.organisation_id,
    form: content.form,
    organisationNumber: content.organisationNumber,
  };
}

/** Days until the reply-by date (0 on the day itself), or a negative count once it has passed. */
export function daysLeft(replyBy: string, today = bishkekToday()): number {
  return daysBetween(today, replyBy);
}
