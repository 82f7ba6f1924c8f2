/**
 * What a published decision is made from: the case's issued decision (its reasons and legal basis, in the case's
 * language), the organisation it is about, and the names of the people in it (for the anonymiser to mask). Only
 * the publication feature asks, and only for a supervisor (its routes check).
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { caseParties } from '../cases/service.ts';
import { bishkekToday } from '../../lib/dates.ts';
import { findCaseFile } from './case-repository.ts';
import { issuedDecision } from './decisions-repository.ts';

export interface PublicationSource {
  caseId: number;
  reference: string;
  language: Language;
  organisationName: string;
  sector: string | null;
  decisionId: number;
  outcome: string;
  /** The reasons and the legal basis, as issued. */
  text: string;
  decidedOn: string;
  personNames: string[];
  /** Their e-mail addresses, phone numbers and postal addresses as they gave them (masked wherever quoted). */
  personDetails: string[];
}

/** The case's issued decision and what surrounds it; or why there is none to publish. */
export async function publicationSource(knex: Knex, reference: string): Promise<PublicationSource | 'noCase' | 'noDecision'> {
  const found = await findCaseFile(knex, reference);
  if (!found) return 'noCase';
  const decision = await issuedDecision(knex, found.id);
  if (!decision) return 'noDecision';
  const parties = await caseParties(knex, found.id);
  return {
    caseId: found.id,
    reference: found.reference,
    language: decision.language,
    organisationName: found.organisation_name,
    sector: found.sector,
    decisionId: decision.id,
    outcome: decision.outcome,
    text: `${decision.reasons}\n\n${decision.legal_basis}`,
    decidedOn: bishkekToday(decision.reviewed_at ?? decision.proposed_at),
    personNames: parties.flatMap((party) => (party.full_name ? [party.full_name] : [])),
    personDetails: parties.flatMap((party) => [party.email, party.phone, party.postal_address].filter((value): value is string => Boolean(value))),
  };
}
