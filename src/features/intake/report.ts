/**
 * The violation report: a short journey for tips about unlawful processing, where the person reporting need
 * not be affected and may stay anonymous: what happened → evidence → about you (optional) → check.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { bishkekToday, dateParts, formatLongDate } from '../../http/dates.ts';
import { choice, choices, DATA_KINDS, optionalEmail, optionalPhone, optionalText, optionsFor, requiredText, SECTORS, YES_NO } from './fields.ts';
import { labels, type Journey, type StepContext } from './journey.ts';

const whatHappened = z
  .object({
    organisationName: requiredText(200, 'intake.errors.organisationName'),
    sector: choice(SECTORS, 'intake.errors.sector'),
    description: requiredText(5000, 'intake.errors.description'),
    dataKinds: choices(DATA_KINDS, 'intake.errors.dataKinds', 0),
    knowDate: choice(YES_NO, 'intake.errors.knowDate'),
    incidentDate: z.unknown().optional(),
  })
  .transform((value, ctx) => {
    const { incidentDate, ...rest } = value;
    if (value.knowDate === 'no') return rest;
    const parsed = dateParts({ notAfter: { date: () => bishkekToday(), key: 'validation.date.future' } }).safeParse(incidentDate);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', path: ['incidentDate'], message: parsed.error.issues[0]?.message ?? 'validation.date.invalid' });
      return z.NEVER;
    }
    return { ...rest, incidentDate: parsed.data };
  });

const aboutYou = z
  .object({
    anonymous: choice(YES_NO, 'intake.errors.anonymous'),
    fullName: optionalText(150),
    email: optionalEmail,
    phone: optionalPhone,
    preferredLanguage: choice(LANGUAGES, 'intake.errors.preferredLanguage'),
  })
  .transform((value, ctx) => {
    if (value.anonymous === 'yes') return { anonymous: 'yes' as const, preferredLanguage: value.preferredLanguage };
    if (!value.fullName) ctx.addIssue({ code: 'custom', path: ['fullName'], message: 'intake.errors.fullName' });
    if (!value.email && !value.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'intake.errors.reporterContact' });
    return value;
  });

const options = ({ t }: StepContext) => ({
  sector: optionsFor(t, SECTORS, 'intake.sectors'),
  dataKinds: optionsFor(t, DATA_KINDS, 'intake.dataKinds'),
  yesNo: optionsFor(t, YES_NO, 'intake.yesNo'),
  anonymous: optionsFor(t, YES_NO, 'intake.report.anonymousOptions', true),
  preferredLanguage: LANGUAGES.map((lang) => ({ value: lang, label: t(`intake.languages.${lang}`) })),
});

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export const reportJourney: Journey = {
  type: 'report',
  path: 'reports',
  titleKey: 'intake.report.title',
  steps: [
    {
      id: 'what-happened',
      kind: 'form',
      titleKey: 'intake.report.steps.what-happened',
      schema: whatHappened,
      dateFields: ['incidentDate'],
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.organisationName', value: text(answers.organisationName) },
        { key: 'intake.fields.sector', value: labels(options(context).sector, answers.sector) },
        { key: 'intake.fields.description', value: text(answers.description) },
        { key: 'intake.fields.dataKinds', value: labels(options(context).dataKinds, answers.dataKinds) },
        { key: 'intake.fields.incidentDate', value: answers.incidentDate ? formatLongDate(text(answers.incidentDate), context.lang) : context.t('intake.notKnown') },
      ],
    },
    { id: 'evidence', kind: 'evidence', titleKey: 'intake.steps.evidence' },
    {
      id: 'about-you',
      kind: 'form',
      titleKey: 'intake.report.steps.about-you',
      schema: aboutYou,
      options,
      summary: (answers, context) =>
        answers.anonymous === 'yes'
          ? [{ key: 'intake.fields.anonymous', value: context.t('intake.report.anonymousSummary') }]
          : [
              { key: 'intake.fields.fullName', value: text(answers.fullName) },
              { key: 'intake.fields.email', value: text(answers.email) || context.t('intake.notGiven') },
              { key: 'intake.fields.phone', value: text(answers.phone) || context.t('intake.notGiven') },
              { key: 'intake.fields.preferredLanguage', value: context.t(`intake.languages.${text(answers.preferredLanguage)}`) },
            ],
    },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};
