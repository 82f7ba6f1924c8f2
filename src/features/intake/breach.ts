/**
 * The breach notification, for organisations: the organisation and its contact → the breach (when it
 * happened, when it was discovered, its nature) → whose data and how much → consequences and measures →
 * timing (hours since discovery; past 72 the reason for the delay; a follow-up links an earlier notification)
 * → evidence → check. The 72 hours are GDPR good practice, which the Agency asks holders to follow.
 */
import { z } from 'zod';
import { bishkekToday, dateParts, formatLongDate } from '../../http/dates.ts';
import { hoursBetween } from '../cases/deadlines.ts';
import { findCaseByReference } from '../cases/repository.ts';
import { normaliseReference } from '../cases/reference.ts';
import { choice, choices, optionalPhone, optionalText, optionsFor, requiredText, YES_NO } from './fields.ts';
import { labels, type Answers, type Journey, type StepContext } from './journey.ts';

export const BREACH_HOURS_LIMIT = 72;

const NATURE = ['confidentiality', 'integrity', 'availability'] as const;
const DATA = ['identity', 'contact', 'financial', 'health', 'biometric', 'location', 'credentials', 'children', 'other'] as const;
const PEOPLE = ['customers', 'employees', 'patients', 'students', 'children', 'public', 'other'] as const;
const TOLD = ['yes', 'no', 'planned'] as const;

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;
const notFuture = { notAfter: { date: () => bishkekToday(), key: 'validation.date.future' } };

/** A local date and HH:MM in Bishkek (UTC+6 all year) as an instant. */
export function bishkekInstant(isoDate: string, time: string): Date {
  const match = TIME.exec(time);
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day, Number(match?.[1] ?? 0) - 6, Number(match?.[2] ?? 0)));
}

const timeField = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .regex(TIME, key)
    .transform((value) => value.replace('.', ':').padStart(5, '0'));

const organisation = z.object({
  organisationName: requiredText(200, 'intake.errors.organisationName'),
  inn: z.string({ error: 'intake.errors.inn' }).trim().regex(/^\d{14}$/, 'intake.errors.inn'),
  organisationAddress: optionalText(300),
  contactName: requiredText(150, 'intake.errors.contactName'),
  contactPosition: requiredText(150, 'intake.errors.contactPosition'),
  contactEmail: z.email({ error: 'validation.email' }),
  contactPhone: optionalPhone,
});

const breach = z
  .object({
    occurredKnown: choice(YES_NO, 'intake.errors.occurredKnown'),
    occurredDate: z.unknown().optional(),
    occurredTime: z.unknown().optional(),
    discoveredDate: dateParts(notFuture),
    discoveredTime: timeField('intake.errors.time'),
    nature: choices(NATURE, 'intake.errors.nature'),
    description: requiredText(5000, 'intake.errors.breachDescription'),
  })
  .transform((value, ctx) => {
    const { occurredDate, occurredTime, ...rest } = value;
    if (bishkekInstant(value.discoveredDate, value.discoveredTime) > new Date()) {
      ctx.addIssue({ code: 'custom', path: ['discoveredTime'], message: 'intake.errors.discoveredFuture' });
    }
    if (value.occurredKnown === 'no') return rest;
    const date = dateParts(notFuture).safeParse(occurredDate);
    const time = timeField('intake.errors.time').safeParse(occurredTime ?? '');
    if (!date.success) ctx.addIssue({ code: 'custom', path: ['occurredDate'], message: date.error.issues[0]?.message ?? 'validation.date.invalid' });
    if (!time.success) ctx.addIssue({ code: 'custom', path: ['occurredTime'], message: 'intake.errors.time' });
    if (!date.success || !time.success) return z.NEVER;
    if (bishkekInstant(date.data, time.data) > bishkekInstant(value.discoveredDate, value.discoveredTime)) {
      ctx.addIssue({ code: 'custom', path: ['occurredDate'], message: 'intake.errors.occurredAfterDiscovery' });
      return z.NEVER;
    }
    return { ...rest, occurredDate: date.data, occurredTime: time.data };
  });

const count = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .regex(/^\d{1,9}$/, key)
    .transform(Number);

const affected = z.object({
  dataCategories: choices(DATA, 'intake.errors.dataCategories'),
  peopleCategories: choices(PEOPLE, 'intake.errors.peopleCategories'),
  approxPeople: count('intake.errors.approxPeople'),
  approxRecords: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || /^\d{1,12}$/.test(value), 'intake.errors.approxRecords'),
});

const consequences = z
  .object({
    likelyConsequences: requiredText(3000, 'intake.errors.likelyConsequences'),
    measuresTaken: requiredText(3000, 'intake.errors.measuresTaken'),
    measuresPlanned: optionalText(3000),
    peopleTold: choice(TOLD, 'intake.errors.peopleTold'),
    peopleToldDetails: optionalText(2000),
  })
  .superRefine(
    (value, ctx) => {
      if (value.peopleTold !== 'no' && !value.peopleToldDetails) ctx.addIssue({ code: 'custom', path: ['peopleToldDetails'], message: 'intake.errors.peopleToldDetails' });
    },
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'peopleTold' || issue.path?.[0] === 'peopleToldDetails') },
  );

/** Hours from discovery to now: what the notification is judged against. */
export function hoursSinceDiscovery(answers: Answers, now = new Date()): number | undefined {
  const breachAnswers = answers.breach;
  if (typeof breachAnswers?.discoveredDate !== 'string' || typeof breachAnswers.discoveredTime !== 'string') return undefined;
  return hoursBetween(bishkekInstant(breachAnswers.discoveredDate, breachAnswers.discoveredTime), now);
}

function lateNow(answers: Answers): boolean {
  const hours = hoursSinceDiscovery(answers);
  return hours !== undefined && hours > BREACH_HOURS_LIMIT;
}

function timingSchema(late: boolean) {
  return z
    .object({
      delayReason: optionalText(2000),
      isFollowUp: choice(YES_NO, 'intake.errors.isFollowUp'),
      earlierReference: z.string().trim().default(''),
    })
    .superRefine((value, ctx) => {
      if (late && !value.delayReason) ctx.addIssue({ code: 'custom', path: ['delayReason'], message: 'intake.errors.delayReason' });
      if (value.isFollowUp === 'yes' && !normaliseReference(value.earlierReference)) ctx.addIssue({ code: 'custom', path: ['earlierReference'], message: 'intake.errors.earlierReference' });
    })
    .transform((value) => ({ ...value, earlierReference: value.isFollowUp === 'yes' ? (normaliseReference(value.earlierReference) ?? '') : '' }));
}

const options = ({ t }: StepContext) => ({
  yesNo: optionsFor(t, YES_NO, 'intake.yesNo'),
  nature: optionsFor(t, NATURE, 'intake.breach.nature', true),
  dataCategories: optionsFor(t, DATA, 'intake.breach.data'),
  peopleCategories: optionsFor(t, PEOPLE, 'intake.breach.people'),
  peopleTold: optionsFor(t, TOLD, 'intake.breach.told'),
});

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

export const breachJourney: Journey = {
  type: 'breach',
  path: 'breaches',
  titleKey: 'intake.breach.title',
  steps: [
    {
      id: 'organisation',
      kind: 'form',
      titleKey: 'intake.breach.steps.organisation',
      schema: organisation,
      summary: (answers, context) => [
        { key: 'intake.fields.organisationName', value: text(answers.organisationName) },
        { key: 'intake.fields.inn', value: text(answers.inn) },
        { key: 'intake.fields.organisationAddress', value: text(answers.organisationAddress) || context.t('intake.notGiven') },
        { key: 'intake.fields.contactName', value: `${text(answers.contactName)}, ${text(answers.contactPosition)}` },
        { key: 'intake.fields.contactEmail', value: text(answers.contactEmail) },
        { key: 'intake.fields.contactPhone', value: text(answers.contactPhone) || context.t('intake.notGiven') },
      ],
    },
    {
      id: 'breach',
      kind: 'form',
      titleKey: 'intake.breach.steps.breach',
      schema: breach,
      dateFields: ['occurredDate', 'discoveredDate'],
      options,
      summary: (answers, context) => [
        {
          key: 'intake.fields.occurredAt',
          value: answers.occurredDate ? `${formatLongDate(text(answers.occurredDate), context.lang)} ${text(answers.occurredTime)}` : context.t('intake.notKnown'),
        },
        { key: 'intake.fields.discoveredAt', value: `${formatLongDate(text(answers.discoveredDate), context.lang)} ${text(answers.discoveredTime)}` },
        { key: 'intake.fields.nature', value: labels(options(context).nature, answers.nature) },
        { key: 'intake.fields.breachDescription', value: text(answers.description) },
      ],
    },
    {
      id: 'affected',
      kind: 'form',
      titleKey: 'intake.breach.steps.affected',
      schema: affected,
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.dataCategories', value: labels(options(context).dataCategories, answers.dataCategories) },
        { key: 'intake.fields.peopleCategories', value: labels(options(context).peopleCategories, answers.peopleCategories) },
        { key: 'intake.fields.approxPeople', value: text(answers.approxPeople) },
        { key: 'intake.fields.approxRecords', value: text(answers.approxRecords) || context.t('intake.notKnown') },
      ],
    },
    {
      id: 'consequences',
      kind: 'form',
      titleKey: 'intake.breach.steps.consequences',
      schema: consequences,
      options,
      summary: (answers, context) => [
        { key: 'intake.fields.likelyConsequences', value: text(answers.likelyConsequences) },
        { key: 'intake.fields.measuresTaken', value: text(answers.measuresTaken) },
        { key: 'intake.fields.measuresPlanned', value: text(answers.measuresPlanned) || context.t('intake.notGiven') },
        { key: 'intake.fields.peopleTold', value: labels(options(context).peopleTold, answers.peopleTold) },
        ...(answers.peopleToldDetails ? [{ key: 'intake.fields.peopleToldDetails', value: text(answers.peopleToldDetails) }] : []),
      ],
    },
    {
      id: 'timing',
      kind: 'form',
      titleKey: 'intake.breach.steps.timing',
      // Judged when the step is answered; submission records the hours again at the moment of notification.
      schema: (answers) => timingSchema(lateNow(answers)),
      options,
      extra: ({ answers }) => ({ hours: hoursSinceDiscovery(answers), late: lateNow(answers), limit: BREACH_HOURS_LIMIT }),
      summary: (answers, context) => [
        { key: 'intake.fields.delayReason', value: text(answers.delayReason) || context.t('intake.notGiven') },
        { key: 'intake.fields.earlierReference', value: text(answers.earlierReference) || context.t('intake.breach.firstNotification') },
      ],
      verify: async (answers, knex) => {
        if (answers.isFollowUp !== 'yes') return undefined;
        const earlier = await findCaseByReference(knex, text(answers.earlierReference));
        return earlier?.type === 'breach' ? undefined : { field: 'earlierReference', key: 'intake.errors.earlierReferenceUnknown' };
      },
    },
    { id: 'evidence', kind: 'evidence', titleKey: 'intake.steps.evidence' },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};

