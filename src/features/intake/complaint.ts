/**
 * The complaint journey: about you → the organisation → what happened → earlier contact with the
 * organisation (and, if it was not asked first or the week has not run out, why complain now) → the outcome
 * you want → evidence → declarations → check your answers.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { addDays, bishkekToday, dateParts, formatLongDate } from '../../http/dates.ts';
import { REPLY_DAYS } from '../letters/service.ts';
import { choice, choices, DATA_KINDS, optionalEmail, optionalPhone, optionalText, optionsFor, requiredText, SECTORS, YES_NO } from './fields.ts';
import { labels, type Answers, type Journey, type StepContext } from './journey.ts';

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
      if (!value.email && !value.postalAddress) ctx.addIssue({ code: 'custom', path: ['email'], message: 'intake.errors.contact' });
    },
    // Reported together with the other fields' problems, not after them.
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'email' || issue.path?.[0] === 'postalAddress') },
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
    answered: z.unknown().optional(),
    answerDate: z.unknown().optional(),
  })
  .transform((value, ctx) => {
    if (value.askedOrganisation === 'no') return { askedOrganisation: 'no' as const };
    const requestDate = dateParts(notFuture).safeParse(value.requestDate);
    if (!requestDate.success) ctx.addIssue({ code: 'custom', path: ['requestDate'], message: requestDate.error.issues[0]?.message ?? 'validation.date.invalid' });
    const answered = choice(YES_NO, 'intake.errors.answered').safeParse(value.answered);
    if (!answered.success) ctx.addIssue({ code: 'custom', path: ['answered'], message: 'intake.errors.answered' });
    let answerDate: string | undefined;
    if (answered.success && answered.data === 'yes') {
      const parsed = dateParts(notFuture).safeParse(value.answerDate);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['answerDate'], message: parsed.error.issues[0]?.message ?? 'validation.date.invalid' });
      else if (requestDate.success && parsed.data < requestDate.data) ctx.addIssue({ code: 'custom', path: ['answerDate'], message: 'intake.errors.answerBeforeRequest' });
      else answerDate = parsed.data;
    }
    if (!requestDate.success || !answered.success) return z.NEVER;
    return { askedOrganisation: 'yes' as const, requestDate: requestDate.data, answered: answered.data, ...(answerDate ? { answerDate } : {}) };
  });

/** The organisation should be asked first, and given its week to answer. */
export function organisationNotAskedFirst(answers: Answers, today = bishkekToday()): boolean {
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

const options = ({ t }: StepContext) => ({
  preferredLanguage: LANGUAGES.map((lang) => ({ value: lang, label: t(`intake.languages.${lang}`) })),
  sector: optionsFor(t, SECTORS, 'intake.sectors'),
  rightsAffected: optionsFor(t, RIGHTS, 'intake.rights'),
  dataKinds: optionsFor(t, DATA_KINDS, 'intake.dataKinds'),
  yesNo: optionsFor(t, YES_NO, 'intake.yesNo'),
  desiredOutcomes: optionsFor(t, OUTCOMES, 'intake.outcomes'),
});

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

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
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.fullName', value: text(answers.fullName) },
        { key: 'intake.fields.email', value: text(answers.email) || context.t('intake.notGiven') },
        { key: 'intake.fields.postalAddress', value: text(answers.postalAddress) || context.t('intake.notGiven') },
        { key: 'intake.fields.phone', value: text(answers.phone) || context.t('intake.notGiven') },
        { key: 'intake.fields.preferredLanguage', value: context.t(`intake.languages.${text(answers.preferredLanguage)}`) },
      ],
    },
    {
      id: 'organisation',
      kind: 'form',
      titleKey: 'intake.complaint.steps.organisation',
      schema: organisation,
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.organisationName', value: text(answers.organisationName) },
        { key: 'intake.fields.sector', value: labels(options(context).sector, answers.sector) },
        { key: 'intake.fields.organisationAddress', value: text(answers.organisationAddress) || context.t('intake.notGiven') },
      ],
    },
    {
      id: 'what-happened',
      kind: 'form',
      titleKey: 'intake.complaint.steps.what-happened',
      schema: whatHappened,
      dateFields: ['incidentDate'],
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.incidentDate', value: formatLongDate(text(answers.incidentDate), context.lang) },
        { key: 'intake.fields.description', value: text(answers.description) },
        { key: 'intake.fields.rightsAffected', value: labels(options(context).rightsAffected, answers.rightsAffected) },
        { key: 'intake.fields.dataKinds', value: labels(options(context).dataKinds, answers.dataKinds) },
      ],
    },
    {
      id: 'earlier-contact',
      kind: 'form',
      titleKey: 'intake.complaint.steps.earlier-contact',
      schema: earlierContact,
      dateFields: ['requestDate', 'answerDate'],
      fileField: { name: 'organisationAnswer', purpose: 'organisation-answer' },
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.askedOrganisation', value: labels(options(context).yesNo, answers.askedOrganisation) },
        ...(answers.askedOrganisation === 'yes'
          ? [
              { key: 'intake.fields.requestDate', value: formatLongDate(text(answers.requestDate), context.lang) },
              { key: 'intake.fields.answered', value: labels(options(context).yesNo, answers.answered) },
              ...(answers.answerDate ? [{ key: 'intake.fields.answerDate', value: formatLongDate(text(answers.answerDate), context.lang) }] : []),
            ]
          : []),
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
      summary: (answers) => [{ key: 'intake.fields.reasonNotAsked', value: text(answers.reasonNotAsked) }],
    },
    {
      id: 'outcome',
      kind: 'form',
      titleKey: 'intake.complaint.steps.outcome',
      schema: outcome,
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.desiredOutcomes', value: labels(options(context).desiredOutcomes, answers.desiredOutcomes) },
        { key: 'intake.fields.outcomeDetails', value: text(answers.outcomeDetails) || context.t('intake.notGiven') },
      ],
    },
    { id: 'evidence', kind: 'evidence', titleKey: 'intake.steps.evidence' },
    {
      id: 'declarations',
      kind: 'form',
      titleKey: 'intake.complaint.steps.declarations',
      schema: declarations,
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.identitySharing', value: labels(options(context).yesNo, answers.identitySharing) },
        { key: 'intake.fields.privacyAccepted', value: context.t('intake.yesNo.yes') },
      ],
    },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};
