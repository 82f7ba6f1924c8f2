/**
 * The code that brings back a saved form: 25 random digits (83 bits), shown as five groups of five so it can
 * be read aloud and typed on a phone's number pad. The code both finds and unlocks the draft, so only a keyed
 * hash is stored; 83 bits cannot be guessed online, and look-ups are rate-limited per address.
 */
import { createHmac, randomInt } from 'node:crypto';

const DIGITS = 25;
const GROUP = 5;
export const RESUME_CODE_BITS = Math.floor(DIGITS * Math.log2(10));

export function generateResumeCode(): string {
  let digits = '';
  // randomInt draws each digit uniformly from the CSPRNG.
  for (let i = 0; i < DIGITS; i++) digits += String(randomInt(10));
  return formatResumeCode(digits);
}

/** 12345 67890 12345 67890 12345 */
export function formatResumeCode(digits: string): string {
  return digits.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join(' ') ?? '';
}

/** What was typed, forgiving spaces, hyphens and dots between the groups; undefined unless 25 digits. */
export function normaliseResumeCode(input: string): string | undefined {
  const digits = input.replace(/[\s.\-–]/g, '');
  return new RegExp(`^\\d{${DIGITS}}$`).test(digits) ? digits : undefined;
}

export function hashResumeCode(normalised: string, key: Buffer): string {
  return createHmac('sha256', key).update(`resume-code:${normalised}`).digest('hex');
}
