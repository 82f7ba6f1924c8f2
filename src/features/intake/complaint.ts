/**
 * The complaint journey: about you → the organisation → what happened → earlier contact with the
 * organisation (and, if it was not asked first or the week has not run out, why complain now) → the outcome
 * you want → evidence → declarations → check your answers.
 */
import { LANGUAGES } from '../../config.ts';
import { addDays, bishkekToday } from '../../lib/dates.ts';
import { REPLY_DAYS, REQUEST_TYPES } from '../letters/service.ts';
import { DATA_KINDS, SECTORS, YES_NO } from './fields.ts';
import type { Answers, Journey, Step } from './journey.ts';
import { aboutYou, declarations, earlierContact, notAskedFirst, organisation, OUTCOMES, outcome, RIGHTS, whatHappened } from './complaint-schemas.ts';

/** The organisation should be asked first, and given its time to answer (LETTER_REPLY_DAYS, a week by law). */
function organisationNotAskedFirst(answers: Answers, replyDays: number, today = bishkekToday()): boolean {
  const contact = answers['earlier-contact'];
  if (!contact) return false;
  if (contact.askedOrganisation === 'no') return true;
  return contact.answered === 'no' && typeof contact.requestDate === 'string' && addDays(contact.requestDate, replyDays) > today;
}

const LANGUAGE_CHOICES = { values: LANGUAGES, prefix: 'intake.languages' } as const;
const YES_NO_CHOICES = { values: YES_NO, prefix: 'intake.yesNo' } as const;
const REQUEST_CHOICES = { values: REQUEST_TYPES, prefix: 'intake.requestTypes' } as const;
const askedFirst = (values: Record<string, unknown>) => values.askedOrganisation === 'yes';

/** Why complain before the organisation was asked, or before its time to answer has run out. */
function notAskedFirstStep(replyDays: number): Step {
  return {
    id: 'not-asked-first',
    kind: 'form',
    titleKey: 'intake.complaint.steps.not-asked-first',
    schema: notAskedFirst,
    applies: (answers) => organisationNotAskedFirst(answers, replyDays),
    extra: ({ answers }) => ({
      replyDue: typeof answers['earlier-contact']?.requestDate === 'string' ? addDays(answers['earlier-contact'].requestDate, replyDays) : undefined,
      notAsked: answers['earlier-contact']?.askedOrganisation === 'no',
    }),
    fields: [{ name: 'reasonNotAsked', kind: 'textarea', label: 'intake.fields.reasonNotAsked', hint: 'intake.hints.reasonNotAsked', input: { rows: 5 } }],
  };
}

/**
 * The journey under the default settings: its steps and questions, for what does not depend on the settings
 * (reading stored answers). The routes navigate the journey built from the configuration (configuredJourney).
 */
export const complaintJourney: Journey = {
  type: 'complaint',
  path: 'complaints',
  titleKey: 'intake.complaint.title',
  steps: [
    {
      id: 'about-you',
      kind: 'form',
      titleKey: 'intake.complaint.steps.about-you',
      schema: aboutYou,
      fields: [
        { name: 'fullName', kind: 'text', label: 'intake.fields.fullName', input: { autocomplete: 'name', spellcheck: 'false' } },
        { name: 'email', kind: 'email', label: 'intake.fields.email', hint: 'intake.hints.email', input: { autocomplete: 'email', spellcheck: 'false' } },
        {
          name: 'postalAddress',
          kind: 'textarea',
          label: 'intake.fields.postalAddress',
          hint: 'intake.hints.postalAddress',
          optional: true,
          input: { rows: 3 },
        },
        { name: 'phone', kind: 'tel', label: 'intake.fields.phone', optional: true, input: { autocomplete: 'tel', width: 'medium' } },
        {
          name: 'preferredLanguage',
          kind: 'radios',
          label: 'intake.fields.preferredLanguage',
          hint: 'intake.hints.preferredLanguage',
          choices: LANGUAGE_CHOICES,
          input: { inline: true },
        },
      ],
    },
    {
      id: 'organisation',
      kind: 'form',
      titleKey: 'intake.complaint.steps.organisation',
      schema: organisation,
      picker: { name: 'organisationName' },
      fields: [
        {
          name: 'organisationName',
          kind: 'text',
          label: 'intake.fields.organisationName',
          hint: 'intake.hints.organisationName',
          input: { autocomplete: 'organization' },
        },
        { name: 'sector', kind: 'radios', label: 'intake.fields.sector', choices: { values: SECTORS, prefix: 'intake.sectors' } },
        { name: 'organisationAddress', kind: 'textarea', label: 'intake.fields.organisationAddress', optional: true, input: { rows: 3 } },
      ],
    },
    {
      id: 'what-happened',
      kind: 'form',
      titleKey: 'intake.complaint.steps.what-happened',
      schema: whatHappened,
      dateFields: ['incidentDate'],
      fields: [
        { name: 'incidentDate', kind: 'date', label: 'intake.fields.incidentDate', hint: 'intake.hints.incidentDate' },
        { name: 'description', kind: 'textarea', label: 'intake.fields.description', hint: 'intake.hints.description', input: { rows: 10 } },
        {
          name: 'rightsAffected',
          kind: 'checkboxes',
          label: 'intake.fields.rightsAffected',
          hint: 'intake.hints.chooseAll',
          choices: { values: RIGHTS, prefix: 'intake.rights' },
        },
        {
          name: 'dataKinds',
          kind: 'checkboxes',
          label: 'intake.fields.dataKinds',
          hint: 'intake.hints.chooseAll',
          choices: { values: DATA_KINDS, prefix: 'intake.dataKinds' },
        },
      ],
    },
    {
      id: 'earlier-contact',
      kind: 'form',
      titleKey: 'intake.complaint.steps.earlier-contact',
      schema: earlierContact,
      dateFields: ['requestDate', 'answerDate'],
      fileField: { name: 'organisationAnswer', purpose: 'organisation-answer', alsoLists: ['request-letter'] },
      fields: [
        { name: 'askedOrganisation', kind: 'radios', label: 'intake.fields.askedOrganisation', choices: YES_NO_CHOICES, input: { inline: true } },
        { name: 'requestDate', kind: 'date', label: 'intake.fields.requestDate', applies: askedFirst },
        { name: 'requestType', kind: 'radios', label: 'intake.fields.requestType', choices: REQUEST_CHOICES, applies: askedFirst, optional: true },
        { name: 'answered', kind: 'radios', label: 'intake.fields.answered', choices: YES_NO_CHOICES, applies: askedFirst, input: { inline: true } },
        {
          name: 'answerDate',
          kind: 'date',
          label: 'intake.fields.answerDate',
          hint: 'intake.hints.answerDate',
          applies: (values) => askedFirst(values) && values.answered === 'yes',
        },
      ],
    },
    notAskedFirstStep(REPLY_DAYS),
    {
      id: 'outcome',
      kind: 'form',
      titleKey: 'intake.complaint.steps.outcome',
      schema: outcome,
      fields: [
        {
          name: 'desiredOutcomes',
          kind: 'checkboxes',
          label: 'intake.fields.desiredOutcomes',
          hint: 'intake.hints.chooseAll',
          choices: { values: OUTCOMES, prefix: 'intake.outcomes' },
        },
        { name: 'outcomeDetails', kind: 'textarea', label: 'intake.fields.outcomeDetails', optional: true, input: { rows: 4 } },
      ],
    },
    { id: 'evidence', kind: 'evidence', titleKey: 'intake.steps.evidence' },
    {
      id: 'declarations',
      kind: 'form',
      titleKey: 'intake.complaint.steps.declarations',
      schema: declarations,
      fields: [
        { name: 'privacyAccepted', kind: 'confirm', label: 'intake.fields.privacyAcceptedLegend', statement: 'intake.fields.privacyAccepted' },
        {
          name: 'identitySharing',
          kind: 'radios',
          label: 'intake.fields.identitySharing',
          hint: 'intake.hints.identitySharing',
          choices: YES_NO_CHOICES,
          input: { inline: true },
        },
        { name: 'truthful', kind: 'confirm', label: 'intake.fields.truthfulLegend', statement: 'intake.fields.truthful' },
      ],
    },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};

/** Settings the journeys' rules follow. */
export interface JourneyRules {
  /** Days the organisation has to answer a request before a complaint is due (LETTER_REPLY_DAYS). */
  replyDays: number;
}

/** The complaint journey under the portal's settings. */
export function configuredComplaintJourney({ replyDays }: JourneyRules): Journey {
  return { ...complaintJourney, steps: complaintJourney.steps.map((step) => (step.id === 'not-asked-first' ? notAskedFirstStep(replyDays) : step)) };
}
