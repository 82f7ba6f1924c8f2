/**
 * The letter form's organisation picker: like the journeys' (features/intake/organisation-pick.ts), but the form
 * keeps nothing on the server, so the choice travels in the form: `organisationNumber` is a register number, or
 * `typed` once the citizen said the organisation is not in the list (a rebuilt letter does not ask again).
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { organisationCandidates, organisationFromQuery, registeredOrganisationId, organisationById, type OrganisationChoice } from '../register/service.ts';
import type { LetterForm } from './schemas.ts';

export type LetterOrganisation =
  { kind: 'settled'; form: LetterForm; organisationNumber: string } | { kind: 'ask'; candidates: OrganisationChoice[]; missingChoice: boolean };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The letter with the entry's name, and its address for requests when the citizen gave none. */
async function withEntry(knex: Knex, form: LetterForm, number: string, lang: Language, keepName: boolean): Promise<LetterOrganisation | undefined> {
  const entry = await organisationFromQuery(knex, { organisation: number }, lang);
  if (!entry) return undefined;
  const settled = {
    ...form,
    organisationName: keepName ? form.organisationName : entry.name,
    organisationAddress: form.organisationAddress || entry.address,
  };
  return { kind: 'settled', form: settled, organisationNumber: entry.registrationNumber };
}

/** Settles which organisation a valid letter form is to (`posted` is the form as sent), or asks. */
export async function letterOrganisation(knex: Knex, form: LetterForm, posted: Record<string, unknown>, lang: Language): Promise<LetterOrganisation> {
  const number = text(posted.organisationNumber);
  const choice = text(posted.organisationChoice);
  const typed: LetterOrganisation = { kind: 'settled', form, organisationNumber: 'typed' };
  if (posted.pick === '1') {
    if (choice === 'typed') return typed;
    const picked = choice ? await withEntry(knex, form, choice, lang, false) : undefined;
    return picked ?? { kind: 'ask', candidates: await organisationCandidates(knex, form.organisationName, lang), missingChoice: true };
  }
  if (number === 'typed') return typed;
  if (number) {
    const named = await withEntry(knex, form, number, lang, false);
    if (named?.kind === 'settled' && named.form.organisationName.toLowerCase() === form.organisationName.toLowerCase()) return named;
  }
  const exactId = await registeredOrganisationId(knex, { inn: null, name: form.organisationName });
  const exact = exactId === undefined ? undefined : await organisationById(knex, exactId, lang);
  if (exact) return (await withEntry(knex, form, exact.registrationNumber, lang, true)) ?? typed;
  const candidates = await organisationCandidates(knex, form.organisationName, lang);
  return candidates.length ? { kind: 'ask', candidates, missingChoice: false } : { kind: 'settled', form, organisationNumber: '' };
}
