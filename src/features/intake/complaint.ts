/**
 * The complaint journey: about you → the organisation → what happened → earlier contact with the
 * organisation (and, if it was not asked first or the week has not run out, why complain now) → the outcome
 * you want → evidence → declarations → check your answers.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { addDays, bishkekToday } from '../../lib/dates.ts';
import { dateParts } from '../../http/date-fields.ts';
import { REPLY_DAYS, REQUEST_TYPES } from '../letters/service.ts';
import { choice, choices, DATA_KINDS, optionalEmail, optionalPhone, optionalText, requiredText, SECTORS, YES_NO } from './fields.ts';
import type { Answers, Journey } from './journey.ts';

const RIGHTS = ['informed', 'access', 'correction', 'blocking', 'consent', 'security', 'marketing', 'other'] as const;
const OUTCOMES = ['access', 'correction', 'deletion', 'stop', 'explanation', 'measures', 'other'] as const;

const notFuture = { notAfter: { date: () => bishkekToday(), key: 'validation.date.future' } };

const aboutYou = z
  .object({
    fullName: requiredText(150, 'intake.errors.fullName'),
    email: optionalEmail,
    postalAddress: optionalText(300),
    phone: optionalPhone,
    preferredLanguage: choice(LANGUAGES, 'intake.errors.preferredLanguage'),
  })
  .superRefine(
    (value, ctx) => {
      if (!value.email && !value.postalAddress && !value.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'intake.errors.contact' });
    },
    // Reported together with the other fields' problems, not after them.
    {
      when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'email' || issue.path?.[0] === 'postalAddress' || issue.path?.[0] === 'phone'),
    },
  );

const organisation = z.object({
  organisationName: requiredText(200, 'intake.errors.organisationName'),
  sector: choice(SECTORS, 'intake.errors.sector'),
  organisationAddress: optionalText(300),
});

const whatHappened = z.object({
  incidentDate: dateParts(notFuture),
  description: requiredText(5000, 'intake.errors.description'),
  rightsAffected: choices(RIGHTS, 'intake.errors.rightsAffected'),
  dataKinds: choices(DATA_KINDS, 'intake.errors.dataKinds'),
});

const earlierContact = z
  .object({
    askedOrganisation: choice(YES_NO, 'intake.errors.askedOrganisation'),
    requestDate: z.unknown().optional(),
    requestType: z.unknown().optional(),
    answered: z.unknown().optional(),
    answerDate: z.unknown().optional(),
  })
  .transform((value, ctx) => {
    if (value.askedOrganisation === 'no') return { askedOrganisation: 'no' as const };
    const requestDate = dateParts(notFuture).safeParse(value.requestDate);
    if (!requestDate.success)
      ctx.addIssue({ code: 'custom', path: ['requestDate'], message: requestDate.error.issues[0]?.message ?? 'validation.date.invalid' });
    const requestType = z.enum(REQUEST_TYPES).or(z.literal('')).optional().safeParse(value.requestType);
    if (!requestType.success) ctx.addIssue({ code: 'custom', path: ['requestType'], message: 'validation.choose' });
    const answered = choice(YES_NO, 'intake.errors.answered').safeParse(value.answered);
    if (!answered.success) ctx.addIssue({ code: 'custom', path: ['answered'], message: 'intake.errors.answered' });
    let answerDate: string | undefined;
    if (answered.success && answered.data === 'yes') {
      const parsed = dateParts(notFuture).safeParse(value.answerDate);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['answerDate'], message: parsed.error.issues[0]?.message ?? 'validation.date.invalid' });
      else if (requestDate.success && parsed.data < requestDate.data)
        ctx.addIssue({ code: 'custom', path: ['answerDate'], message: 'intake.errors.answerBeforeRequest' });
      else answerDate = parsed.data;
    }
    if (!requestDate.success || !answered.success || !requestType.success) return z.NEVER;
    const type = requestType.data ? { requestType: requestType.data } : {};
    return { askedOrganisation: 'yes' as const, requestDate: requestDate.data, ...type, answered: answered.data, ...(answerDate ? { answerDate } : {}) };
  });

/** The organisation should be asked first, and given its week to answer. */
function organisationNotAskedFirst(answers: Answers, today = bishkekToday()): boolean {
  const contact = answers['earlier-contact'];
  if (!contact) return false;
  if (contact.askedOrganisation === 'no') return true;
  return contact.answered === 'no' && typeof contact.requestDate === 'string' && addDays(contact.requestDate, REPLY_DAYS) > today;
}

const notAskedFirst = z.object({ reasonNotAsked: requiredText(2000, 'intake.errors.reasonNotAsked') });
const outcome = z.object({
  desiredOutcomes: choices(OUTCOMES, 'intake.errors.desiredOutcomes'),
  outcomeDetails: optionalText(2000),
});

const declarations = z.object({
  privacyAccepted: z.literal('yes', { error: 'intake.errors.privacyAccepted' }),
  identitySharing: choice(YES_NO, 'intake.errors.identitySharing'),
  truthful: z.literal('yes', { error: 'intake.errors.truthful' }),
});

const LANGUAGE_CHOICES = { values: LANGUAGES, prefix: 'intake.languages' } as const;
const YES_NO_CHOICES = { values: YES_NO, prefix: 'intake.yesNo' } as const;
const REQUEST_CHOICES = { values: REQUEST_TYPES, prefix: 'intake.requestTypes' } as const;
const askedFirst = (values: Record<string, unknown>) => values.askedOrganisation === 'yes';

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
    {
      id: 'not-asked-first',
      kind: 'form',
      titleKey: 'intake.complaint.steps.not-asked-first',
      schema: notAskedFirst,
      applies: (answers) => organisationNotAskedFirst(answers),
      extra: ({ answers }) => ({
        replyDue: typeof answers['earlier-contact']?.requestDate === 'string' ? addDays(answers['earlier-contact'].requestDate, REPLY_DAYS) : undefined,
        notAsked: answers['earlier-contact']?.askedOrganisation === 'no',
      }),
      fields: [{ name: 'reasonNotAsked', kind: 'textarea', label: 'intake.fields.reasonNotAsked', hint: 'intake.hints.reasonNotAsked', input: { rows: 5 } }],
    },
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
