/**
 * A stored case's answers under the journey's own questions, in the order of its form: what the staff case
 * page and the citizen's copy (their case page and their download) show.
 */
import type { Knex } from 'knex';
import { caseParties, findCaseById } from '../cases/service.ts';
import { presentAnswers, type AnswerSection, type PresentContext } from './answers.ts';
import { breachJourney } from './breach.ts';
import { deregistrationAnswers, deregistersOf, deregistrationJourney } from './deregistration-form.ts';
import { complaintJourney, configuredComplaintJourney, type JourneyRules } from './complaint.ts';
import type { Journey } from './journey.ts';
import { registrationJourney } from './registration.ts';
import { reportJourney } from './report.ts';
import { answersFromCase, type StoredCase } from './submission.ts';

export const JOURNEYS: readonly Journey[] = [complaintJourney, reportJourney, breachJourney, registrationJourney];

/** The journeys the routes navigate: as JOURNEYS, with the rules that follow the portal's settings. */
export function configuredJourneys(rules: JourneyRules): readonly Journey[] {
  return [configuredComplaintJourney(rules), reportJourney, breachJourney, registrationJourney];
}

/** Pure: from the stored case and its people. */
export function caseAnswers(
  stored: StoredCase,
  parties: Parameters<typeof answersFromCase>[1],
  context: PresentContext,
  followUpReference?: string,
): AnswerSection[] {
  // A holder's request to remove their entry is a registration case with a form of its own.
  if (stored.type === 'registration' && deregistersOf(stored.answers)) return presentAnswers(deregistrationJourney, deregistrationAnswers(stored), context);
  const journey = JOURNEYS.find((candidate) => candidate.type === stored.type);
  return journey ? presentAnswers(journey, answersFromCase(stored, parties, followUpReference), context) : [];
}

/** The same, reading the case's people and the notification it follows up from the database. */
export async function loadCaseAnswers(
  knex: Knex,
  stored: StoredCase & { id: number; follow_up_of: number | null },
  context: PresentContext,
): Promise<AnswerSection[]> {
  const [parties, followUp] = await Promise.all([caseParties(knex, stored.id), stored.follow_up_of ? findCaseById(knex, stored.follow_up_of) : undefined]);
  return caseAnswers(stored, parties, context, followUp?.reference);
}
