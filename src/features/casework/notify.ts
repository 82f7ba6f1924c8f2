/** The e-mails a change on a case causes: to the citizen in the case's language, to staff in theirs (kinds of update only). */
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import { textableNumber } from '../../lib/phone.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { CitizenNotice } from '../cases/workflow.ts';
import { queueCaseUpdate, type CaseUpdate } from '../notifications/service.ts';
import { caseParties } from '../cases/service.ts';
import { staffContact, supervisorContacts, type StaffContact } from './messages-repository.ts';

export interface NotifyDeps {
  jobs: JobQueue;
  config: Pick<Config, 'notifications'>;
}

interface CaseRef {
  id: number;
  reference: string;
}

export function noticeTemplate(notice: CitizenNotice): CaseUpdate {
  return `case-${notice.replace(/_/g, '-')}` as CaseUpdate;
}

/**
 * An update to the citizen — by e-mail if they gave an address, by text message if they gave a mobile number —
 * merged with others to the same recipient within the batch window.
 */
export async function notifyCitizen(
  deps: NotifyDeps,
  trx: Knex.Transaction,
  found: CaseRef & { language: StaffContact['language'] },
  template: CaseUpdate,
  params: Record<string, string> = {},
): Promise<boolean> {
  const parties = await caseParties(trx, found.id);
  const email = parties.find((party) => party.email)?.email;
  const phone = parties.map((party) => textableNumber(party.phone)).find(Boolean);
  const update = { caseId: found.id, language: found.language, template, params: { reference: found.reference, ...params } };
  if (email) await queueCaseUpdate(trx, deps.jobs, { ...update, to: email }, deps.config.notifications.batchSeconds);
  if (phone) await queueCaseUpdate(trx, deps.jobs, { ...update, to: phone, channel: 'sms' }, deps.config.notifications.batchSeconds);
  return Boolean(email ?? phone);
}

export async function notifyStaff(
  deps: NotifyDeps,
  trx: Knex.Transaction,
  found: CaseRef,
  contacts: readonly StaffContact[],
  template: CaseUpdate,
): Promise<number> {
  for (const contact of contacts) {
    const update = { caseId: found.id, to: contact.email, language: contact.language, template, params: { reference: found.reference } };
    await queueCaseUpdate(trx, deps.jobs, update, deps.config.notifications.batchSeconds);
  }
  return contacts.length;
}

/** The officer of a case, or every supervisor while it has none: who must hear about a citizen's reply. */
export async function responsibleStaff(trx: Knex.Transaction, assigneeId: number | null): Promise<StaffContact[]> {
  if (assigneeId === null) return supervisorContacts(trx);
  const officer = await staffContact(trx, assigneeId);
  return officer ? [officer] : supervisorContacts(trx);
}

/** One staff member (active and enrolled), or nobody. */
export async function contactOf(trx: Knex.Transaction, id: number): Promise<StaffContact[]> {
  const contact = await staffContact(trx, id);
  return contact ? [contact] : [];
}

export { supervisorContacts };
