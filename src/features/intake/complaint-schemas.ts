/** The complaint's answers as zod schemas per step (the journey itself: complaint.ts). */
import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { bishkekToday } from '../../lib/dates.ts';
import { dateParts } from '../../http/date-fields.ts';
import { REQUEST_TYPES } from '../letters/service.ts';
import { choice, choices, DATA_KINDS, optionalEmail, optionalPhone, optionalText, requiredText, SECTORS, YES_NO } from './fields.ts';

export const RIGHTS = ['informed', 'access', 'correction', 'blocking', 'consent', 'security', 'marketing', 'other'] as const;
export const OUTCOMES = ['access', 'correction', 'deletion', 'stop', 'explanation', 'measures', 'other'] as const;

const notFuture = { notAfter: { date: () => bishkekToday(), key: 'validation.date.future' } };

export const aboutYou = z
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

export const organisation = z.object({
  organisationName: requiredText(200, 'intake.errors.organisationName'),
  sector: choice(SECTORS, 'intake.errors.sector'),
  organisationAddress: optionalText(300),
});

export const whatHappened = z.object({
  incidentDate: dateParts(notFuture),
  description: requiredText(5000, 'intake.errors.description'),
  rightsAffected: choices(RIGHTS, 'intake.errors.rightsAffected'),
  dataKinds: choices(DATA_KINDS, 'intake.errors.dataKinds'),
});

export const earlierContact = z
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

export const notAskedFirst = z.object({ reasonNotAsked: requiredText(2000, 'intake.errors.reasonNotAsked') });
export const outcome = z.object({
  desiredOutcomes: choices(OUTCOMES, 'intake.errors.desiredOutcomes'),
  outcomeDetails: optionalText(2000),
});

export const declarations = z.object({
  privacyAccepted: z.literal('yes', { error: 'intake.errors.privacyAccepted' }),
  identitySharing: choice(YES_NO, 'intake.errors.identitySharing'),
  truthful: z.literal('yes', { error: 'intake.errors.truthful' }),
});
