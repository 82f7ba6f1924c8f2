import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { addDays, bishkekToday } from '../../lib/dates.ts';
import { dateParts } from '../../http/date-fields.ts';
import { optionalEmail, phoneNumber } from '../intake/fields.ts';

export const REQUEST_TYPES = ['information', 'access', 'correction', 'blocking', 'stop-processing'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Requests that make no sense without saying which data and what is wrong with it. */
const NEEDS_DETAILS: readonly RequestType[] = ['correction', 'blocking'];

const required = (max: number, key: string) => z.preprocess((value) => value ?? '', z.string().trim().min(1, key).max(max));

export const letterForm = z
  .object({
    requestType: z.enum(REQUEST_TYPES, { error: 'letters.errors.requestType' }),
    organisationName: required(200, 'letters.errors.organisationName'),
    organisationAddress: z.string().trim().max(300).default(''),
    fullName: required(150, 'letters.errors.fullName'),
    contact: required(300, 'letters.errors.contact'),
    details: z.string().trim().max(3000).default(''),
    sendingDate: dateParts({
      notBefore: { date: () => addDays(bishkekToday(), -366), key: 'letters.errors.sendingDatePast' },
      notAfter: { date: () => addDays(bishkekToday(), 366), key: 'letters.errors.sendingDateFuture' },
    }),
    letterLanguage: z.enum(LANGUAGES, { error: 'letters.errors.letterLanguage' }),
  })
  // Checked even when other fields have problems, so every error shows at once.
  .superRefine(
    (form, ctx) => {
      if (NEEDS_DETAILS.includes(form.requestType) && form.details === '') {
        ctx.addIssue({ code: 'custom', path: ['details'], message: `letters.errors.details.${form.requestType}` });
      }
    },
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'requestType' || issue.path?.[0] === 'details') },
  );

export type LetterForm = z.output<typeof letterForm>;

export const letterQuery = z.object({ type: z.enum(REQUEST_TYPES).optional().catch(undefined) });

/** "Follow this request": a reminder by e-mail, by text message, or both, only with consent. */
export const followForm = z
  .object({
    reminderEmail: optionalEmail,
    reminderPhone: phoneNumber({ mobile: true }),
    reminderConsent: z.enum(['yes']).optional().catch(undefined),
  })
  .superRefine(
    (form, ctx) => {
      if ((form.reminderEmail || form.reminderPhone) && form.reminderConsent !== 'yes')
        ctx.addIssue({ code: 'custom', path: ['reminderConsent'], message: 'letters.follow.errors.consent' });
    },
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'reminderEmail' || issue.path?.[0] === 'reminderPhone') },
  );

/** The code of a kept request, typed (its format is checked by the look-up, which answers every code alike). */
export const requestCodeForm = z.object({ code: z.string().trim().min(1, 'letters.myRequest.errors.code').max(60, 'letters.myRequest.errors.code') });
