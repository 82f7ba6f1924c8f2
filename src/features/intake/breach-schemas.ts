/** The breach notification's answers as zod schemas per step (the journey itself: breach.ts). */
import { z } from 'zod';
import { bishkekToday } from '../../lib/dates.ts';
import { dateParts } from '../../http/date-fields.ts';
import { hoursBetween } from '../cases/deadlines.ts';
import { normaliseReference } from '../cases/reference.ts';
import { choice, choices, optionalPhone, optionalText, requiredText, YES_NO } from './fields.ts';
import type { Answers } from './journey.ts';
export const BREACH_HOURS_LIMIT = 72;

export const NATURE = ['confidentiality', 'integrity', 'availability'] as const;
export const DATA = ['identity', 'contact', 'financial', 'health', 'biometric', 'location', 'credentials', 'children', 'other'] as const;
export const PEOPLE = ['customers', 'employees', 'patients', 'students', 'children', 'public', 'other'] as const;
export const TOLD = ['yes', 'no', 'planned'] as const;

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

export const organisation = z.object({
  organisationName: requiredText(200, 'intake.errors.organisationName'),
  inn: z
    .string({ error: 'intake.errors.inn' })
    .trim()
    .regex(/^\d{14}$/, 'intake.errors.inn'),
  organisationAddress: optionalText(300),
  contactName: requiredText(150, 'intake.errors.contactName'),
  contactPosition: requiredText(150, 'intake.errors.contactPosition'),
  contactEmail: z.email({ error: 'validation.email' }),
  contactPhone: optionalPhone,
});

export const breach = z
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

export const affected = z.object({
  dataCategories: choices(DATA, 'intake.errors.dataCategories'),
  peopleCategories: choices(PEOPLE, 'intake.errors.peopleCategories'),
  approxPeople: count('intake.errors.approxPeople'),
  approxRecords: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || /^\d{1,12}$/.test(value), 'intake.errors.approxRecords'),
});

export const consequences = z
  .object({
    likelyConsequences: requiredText(3000, 'intake.errors.likelyConsequences'),
    measuresTaken: requiredText(3000, 'intake.errors.measuresTaken'),
    measuresPlanned: optionalText(3000),
    peopleTold: choice(TOLD, 'intake.errors.peopleTold'),
    peopleToldDetails: optionalText(2000),
  })
  .superRefine(
    (value, ctx) => {
      if (value.peopleTold !== 'no' && !value.peopleToldDetails)
        ctx.addIssue({ code: 'custom', path: ['peopleToldDetails'], message: 'intake.errors.peopleToldDetails' });
    },
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'peopleTold' || issue.path?.[0] === 'peopleToldDetails') },
  );

/** Hours from discovery to now: what the notification is judged against. */
export function hoursSinceDiscovery(answers: Answers, now = new Date()): number | undefined {
  const breachAnswers = answers.breach;
  if (typeof breachAnswers?.discoveredDate !== 'string' || typeof breachAnswers.discoveredTime !== 'string') return undefined;
  return hoursBetween(bishkekInstant(breachAnswers.discoveredDate, breachAnswers.discoveredTime), now);
}

export function lateNow(answers: Answers): boolean {
  const hours = hoursSinceDiscovery(answers);
  return hours !== undefined && hours > BREACH_HOURS_LIMIT;
}

/** The delay reason is optional: 72 hours is the Agency's recommended practice (GDPR Art. 33), not a Kyrgyz legal deadline. */
export function timingSchema() {
  return z
    .object({
      delayReason: optionalText(2000),
      isFollowUp: choice(YES_NO, 'intake.errors.isFollowUp'),
      earlierReference: z.string().trim().default(''),
    })
    .superRefine((value, ctx) => {
      if (value.isFollowUp === 'yes' && !normaliseReference(value.earlierReference))
        ctx.addIssue({ code: 'custom', path: ['earlierReference'], message: 'intake.errors.earlierReference' });
    })
    .transform((value) => ({ ...value, earlierReference: value.isFollowUp === 'yes' ? (normaliseReference(value.earlierReference) ?? '') : '' }));
}
