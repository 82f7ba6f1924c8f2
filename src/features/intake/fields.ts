/** Field rules shared by the intake journeys; every message is a translation key. */
import { z } from 'zod';
import { parsePhone } from '../../lib/phone.ts';

/** Required text: missing or empty gets `key`; too long gets the generic "no more than {{max}}" message. */
export const requiredText = (max: number, key: string) => z.preprocess((value) => value ?? '', z.string().trim().min(1, key).max(max));
export const optionalText = (max: number) => z.string().trim().max(max).default('');

export const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .default('')
  .refine((value) => value === '' || z.email().safeParse(value).success, 'validation.email');

/**
 * A phone number: a Kyrgyz one with or without +996, another country's with its + code. With `mobile` (a number to
 * text), it must take text messages and is kept in E.164; otherwise it is kept as typed (the citizen reads back what
 * they wrote), and turned into E.164 when a message is sent to it.
 */
export function phoneNumber({ mobile }: { mobile: boolean }) {
  return z
    .string()
    .trim()
    .max(40)
    .default('')
    .transform((value, ctx) => {
      if (value === '') return '';
      const parsed = parsePhone(value, { mobile });
      if ('e164' in parsed) return mobile ? parsed.e164 : value;
      ctx.addIssue({ code: 'custom', message: parsed.problem === 'notMobile' ? 'validation.phone.notMobile' : 'intake.errors.phone' });
      return z.NEVER;
    });
}

export const optionalPhone = phoneNumber({ mobile: false });

export function choice<const T extends readonly [string, ...string[]]>(values: T, key: string) {
  return z.enum(values, { error: key });
}

/** Checkboxes: one value arrives as a string, several as an array, none as nothing. */
export function choices<const T extends readonly [string, ...string[]]>(values: T, key: string, min = 1) {
  return z.preprocess(
    (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.enum(values, { error: key })).min(min, key),
  );
}

export const YES_NO = ['yes', 'no'] as const;

export const SECTORS = ['banking', 'telecoms', 'health', 'employment', 'education', 'online', 'state', 'retail', 'housing', 'other'] as const;
export const DATA_KINDS = ['identity', 'contact', 'financial', 'health', 'biometric', 'location', 'images', 'children', 'other'] as const;
