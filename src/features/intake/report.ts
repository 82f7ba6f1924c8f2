/**
 * The violation report: a short journey for tips about unlawful processing, where the person reporting need
 * not be affected and may stay anonymous: what happened → evidence → about you (optional) → check.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { bishkekToday } from '../../lib/dates.ts';
import { dateParts } from '../../http/date-fields.ts';
import { choice, choices, DATA_KINDS, optionalEmail, optionalPhone, optionalText, requiredText, SECTORS, YES_NO } from './fields.ts';
import type { Journey } from './journey.ts';

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

const named = (values: Record<string, unknown>) => values.anonymous === 'no';

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
      picker: { name: 'organisationName' },
      dateFields: ['incidentDate'],
      fields: [
        { name: 'organisationName', kind: 'text', label: 'intake.fields.organisationName', hint: 'intake.hints.organisationName' },
        { name: 'sector', kind: 'radios', label: 'intake.fields.sector', choices: { values: SECTORS, prefix: 'intake.sectors' } },
        { name: 'description', kind: 'textarea', label: 'intake.fields.reportDescription', hint: 'intake.hints.reportDescription', input: { rows: 10 } },
        // The reporter speaks about other people's data: the choices say "people", not "me".
        {
          name: 'dataKinds',
          kind: 'checkboxes',
          label: 'intake.report.fields.dataKinds',
          hint: 'intake.hints.chooseAllOptional',
          choices: { values: DATA_KINDS, prefix: 'intake.report.dataKinds' },
          optional: true,
          emptyKey: 'intake.notKnown',
        },
        { name: 'knowDate', kind: 'radios', label: 'intake.fields.knowDate', choices: { values: YES_NO, prefix: 'intake.yesNo' }, input: { inline: true } },
        {
          name: 'incidentDate',
          kind: 'date',
          label: 'intake.fields.incidentDate',
          hint: 'intake.hints.ifKnown',
          applies: (values) => values.knowDate === 'yes',
        },
      ],
    },
    { id: 'evidence', kind: 'evidence', titleKey: 'intake.steps.evidence' },
    {
      id: 'about-you',
      kind: 'form',
      titleKey: 'intake.report.steps.about-you',
      schema: aboutYou,
      fields: [
        {
          name: 'anonymous',
          kind: 'radios',
          label: 'intake.fields.anonymous',
          choices: { values: YES_NO, prefix: 'intake.report.anonymousOptions', hints: true },
        },
        { name: 'fullName', kind: 'text', label: 'intake.fields.fullName', applies: named, input: { autocomplete: 'name', spellcheck: 'false' } },
        { name: 'email', kind: 'email', label: 'intake.fields.email', applies: named, input: { autocomplete: 'email', spellcheck: 'false' } },
        { name: 'phone', kind: 'tel', label: 'intake.fields.phone', optional: true, applies: named, input: { autocomplete: 'tel', width: 'medium' } },
        {
          name: 'preferredLanguage',
          kind: 'radios',
          label: 'intake.fields.preferredLanguage',
          choices: { values: LANGUAGES, prefix: 'intake.languages' },
          input: { inline: true },
        },
      ],
    },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};
