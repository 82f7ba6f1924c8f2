/**
 * The breach notification, for organisations: the organisation and its contact → the breach (when it
 * happened, when it was discovered, its nature) → whose data and how much → consequences and measures →
 * timing (hours since discovery; past 72 the reason for the delay; a follow-up links an earlier notification)
 * → evidence → check. The 72 hours are GDPR good practice, which the Agency asks holders to follow.
 */
import { z } from 'zod';
import { bishkekToday } from '../../lib/dates.ts';
import { dateParts } from '../../http/date-fields.ts';
import { hoursBetween } from '../cases/deadlines.ts';
import { normaliseReference } from '../cases/reference.ts';
import { choice, choices, optionalPhone, optionalText, requiredText, YES_NO } from './fields.ts';
import type { Answers, Journey } from './journey.ts';

const BREACH_HOURS_LIMIT = 72;

const NATURE = ['confidentiality', 'integrity', 'availability'] as const;
const DATA = ['identity', 'contact', 'financial', 'health', 'biometric', 'location', 'credentials', 'children', 'other'] as const;
const PEOPLE = ['customers', 'employees', 'patients', 'students', 'children', 'public', 'other'] as const;
const TOLD = ['yes', 'no', 'planned'] as const;

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;
const notFuture = { notAfter: { date: () => bishkekToday(), key: 'validation.date.future' } };

/** A local date and HH:MM in Bishkek (UTC+6 all year) as an instant. */
function bishkekInstant(isoDate: string, time: string): Date {
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

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const YES_NO_CHOICES = { values: YES_NO, prefix: 'intake.yesNo' } as const;
const occurredKnown = (values: Record<string, unknown>) => values.occurredKnown === 'yes';

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
      fields: [
        { name: 'organisationName', kind: 'text', label: 'intake.fields.organisationName', input: { autocomplete: 'organization' } },
        { name: 'inn', kind: 'text', label: 'intake.fields.inn', hint: 'intake.hints.inn', input: { width: 'medium', inputmode: 'numeric', spellcheck: 'false' } },
        { name: 'organisationAddress', kind: 'textarea', label: 'intake.fields.organisationAddress', optional: true, input: { rows: 3 } },
        { name: 'contactName', kind: 'text', label: 'intake.fields.contactName', input: { autocomplete: 'name', spellcheck: 'false' } },
        { name: 'contactPosition', kind: 'text', label: 'intake.fields.contactPosition', hint: 'intake.hints.contactPosition', input: { autocomplete: 'organization-title' } },
        { name: 'contactEmail', kind: 'email', label: 'intake.fields.contactEmail', input: { autocomplete: 'email', spellcheck: 'false' } },
        { name: 'contactPhone', kind: 'tel', label: 'intake.fields.contactPhone', optional: true, input: { autocomplete: 'tel', width: 'medium' } },
      ],
    },
    {
      id: 'breach',
      kind: 'form',
      titleKey: 'intake.breach.steps.breach',
      schema: breach,
      dateFields: ['occurredDate', 'discoveredDate'],
      fields: [
        { name: 'discoveredDate', kind: 'date', label: 'intake.fields.discoveredDate', hint: 'intake.hints.discoveredDate' },
        { name: 'discoveredTime', kind: 'time', label: 'intake.fields.discoveredTime', hint: 'intake.hints.time' },
        { name: 'occurredKnown', kind: 'radios', label: 'intake.fields.occurredKnown', choices: YES_NO_CHOICES, input: { inline: true } },
        { name: 'occurredDate', kind: 'date', label: 'intake.fields.occurredDate', applies: occurredKnown },
        { name: 'occurredTime', kind: 'time', label: 'intake.fields.occurredTime', hint: 'intake.hints.time', applies: occurredKnown },
        { name: 'nature', kind: 'checkboxes', label: 'intake.fields.nature', hint: 'intake.hints.chooseAll', choices: { values: NATURE, prefix: 'intake.breach.nature', hints: true } },
        { name: 'description', kind: 'textarea', label: 'intake.fields.breachDescription', hint: 'intake.hints.breachDescription', input: { rows: 8 } },
      ],
    },
    {
      id: 'affected',
      kind: 'form',
      titleKey: 'intake.breach.steps.affected',
      schema: affected,
      fields: [
        { name: 'dataCategories', kind: 'checkboxes', label: 'intake.fields.dataCategories', hint: 'intake.hints.chooseAll', choices: { values: DATA, prefix: 'intake.breach.data' } },
        { name: 'peopleCategories', kind: 'checkboxes', label: 'intake.fields.peopleCategories', hint: 'intake.hints.chooseAll', choices: { values: PEOPLE, prefix: 'intake.breach.people' } },
        { name: 'approxPeople', kind: 'number', label: 'intake.fields.approxPeople', hint: 'intake.hints.approx', input: { width: 'short', inputmode: 'numeric' } },
        { name: 'approxRecords', kind: 'number', label: 'intake.fields.approxRecords', hint: 'intake.hints.approx', optional: true, emptyKey: 'intake.notKnown', input: { width: 'short', inputmode: 'numeric' } },
      ],
    },
    {
      id: 'consequences',
      kind: 'form',
      titleKey: 'intake.breach.steps.consequences',
      schema: consequences,
      fields: [
        { name: 'likelyConsequences', kind: 'textarea', label: 'intake.fields.likelyConsequences', hint: 'intake.hints.likelyConsequences', input: { rows: 5 } },
        { name: 'measuresTaken', kind: 'textarea', label: 'intake.fields.measuresTaken', hint: 'intake.hints.measuresTaken', input: { rows: 5 } },
        { name: 'measuresPlanned', kind: 'textarea', label: 'intake.fields.measuresPlanned', optional: true, input: { rows: 4 } },
        { name: 'peopleTold', kind: 'radios', label: 'intake.fields.peopleTold', choices: { values: TOLD, prefix: 'intake.breach.told' } },
        {
          name: 'peopleToldDetails',
          kind: 'textarea',
          label: 'intake.fields.peopleToldDetails',
          hint: 'intake.hints.peopleToldDetails',
          // Asked when they were or will be told; an answer given anyway is shown too.
          applies: (values) => values.peopleTold !== 'no' || Boolean(values.peopleToldDetails),
          input: { rows: 3 },
        },
      ],
    },
    {
      id: 'timing',
      kind: 'form',
      titleKey: 'intake.breach.steps.timing',
      // Judged when the step is answered; submission records the hours again at the moment of notification.
      schema: (answers) => timingSchema(lateNow(answers)),
      extra: ({ answers }) => ({ hours: hoursSinceDiscovery(answers), late: lateNow(answers), limit: BREACH_HOURS_LIMIT }),
      fields: [
        // Asked only when the notification is late: then it is required, so an empty one was not asked.
        { name: 'delayReason', kind: 'textarea', label: 'intake.fields.delayReason', hint: 'intake.hints.delayReason', applies: (values) => Boolean(values.delayReason), input: { rows: 4 } },
        { name: 'isFollowUp', kind: 'radios', label: 'intake.fields.isFollowUp', hint: 'intake.hints.isFollowUp', choices: YES_NO_CHOICES, input: { inline: true } },
        { name: 'earlierReference', kind: 'text', label: 'intake.fields.earlierReference', hint: 'intake.hints.earlierReference', applies: (values) => values.isFollowUp === 'yes', input: { width: 'medium', spellcheck: 'false' } },
      ],
      verify: async (answers, lookups) => {
        if (answers.isFollowUp !== 'yes') return undefined;
        const earlier = await lookups.caseTypeOf(text(answers.earlierReference));
        return earlier === 'breach' ? undefined : { field: 'earlierReference', key: 'intake.errors.earlierReferenceUnknown' };
      },
    },
    { id: 'evidence', kind: 'evidence', titleKey: 'intake.steps.evidence' },
    { id: 'check', kind: 'check', titleKey: 'intake.steps.check' },
  ],
};
