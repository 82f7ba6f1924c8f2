/**
 * Phone numbers as citizens type them: a Kyrgyz number with or without +996 (0700 123 456, 700123456), any
 * other country's with its + code. Kept in E.164 (+996700123456), the form SMS gateways take.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneProblem = 'invalid' | 'notMobile';

/** The number in E.164, or what is wrong with it. A text message needs a mobile number. */
export function parsePhone(input: string, options: { mobile: boolean }): { e164: string } | { problem: PhoneProblem } {
  const parsed = parsePhoneNumberFromString(input.trim(), 'KG');
  if (!parsed?.isValid()) return { problem: 'invalid' };
  const type = parsed.getType();
  if (options.mobile && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { problem: 'notMobile' };
  return { e164: parsed.number };
}

/** A stored number (as typed) in E.164 when text messages can reach it; a landline or no number: undefined. */
export function textableNumber(stored: string | null | undefined): string | undefined {
  const parsed = stored ? parsePhone(stored, { mobile: true }) : undefined;
  return parsed && 'e164' in parsed ? parsed.e164 : undefined;
}

/** +996 700 123 456 — for showing a number back to its owner. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
