/**
 * A citizen's own contact details on their case: they may correct their name, e-mail address and phone number
 * from the case space. The old value is kept for staff (shown on the staff case page), the case's timeline says
 * that the details changed, the officer is flagged as for a reply, and the audit trail records which fields
 * changed — never the values.
 */
import type { Knex } from 'knex';
import { record } from '../audit/service.ts';
import { applyCorrection, contactCorrections, primaryParty, type ContactField, type CorrectionRow } from './contact-repository.ts';
import { findCaseById, insertEvent } from './repository.ts';

export type { CorrectionRow };

export interface ContactDetails {
  fullName: string;
  email: string;
  phone: string;
}

/** The details as the citizen can correct them; undefined for a case that names no one (an anonymous report). */
export async function citizenContact(knex: Knex, caseId: number): Promise<ContactDetails | undefined> {
  const party = await primaryParty(knex, caseId);
  if (!party) return undefined;
  return { fullName: party.full_name ?? '', email: party.email ?? '', phone: party.phone ?? '' };
}

const FIELDS: [keyof ContactDetails, ContactField][] = [
  ['fullName', 'full_name'],
  ['email', 'email'],
  ['phone', 'phone'],
];

/** Applies what changed; the fields that did ([] when nothing did, or there is no one to correct). */
export async function correctContact(knex: Knex, caseId: number, wanted: ContactDetails, requestId: string | null): Promise<ContactField[]> {
  return knex.transaction(async (trx) => {
    const [found, party] = await Promise.all([findCaseById(trx, caseId), primaryParty(trx, caseId)]);
    if (!found || !party) return [];
    const changes = FIELDS.map(([key, field]) => ({ field, oldValue: party[field], newValue: wanted[key] === '' ? null : wanted[key] })).filter(
      (change) => change.oldValue !== change.newValue,
    );
    if (changes.length === 0) return [];
    await applyCorrection(trx, caseId, party, changes);
    const fields = changes.map((change) => change.field);
    await insertEvent(trx, {
      case_id: caseId,
      kind: 'contact_corrected',
      from_status: null,
      to_status: null,
      visible_to_citizen: true,
      actor_type: 'citizen',
      actor_id: null,
      data: { fields },
    });
    await record(trx, {
      actorType: 'citizen',
      actorId: caseId,
      action: 'case.contact_corrected',
      entityType: 'case',
      entityId: found.reference,
      requestId,
      details: { fields },
    });
    return fields;
  });
}

/** Every correction, newest first, with the old value: for staff who may read the case's personal data. */
export function contactHistory(knex: Knex, caseId: number): Promise<CorrectionRow[]> {
  return contactCorrections(knex, caseId);
}
