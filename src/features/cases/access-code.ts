/**
 * The secret access code a citizen uses with their case reference. It must be easy to read aloud, write down
 * and type on a phone's number pad, so it is 25 digits from the CSPRNG, shown as five groups of five
 * (12345 67890 …, which wraps between groups on a narrow screen): 10^25 ≈ 2^83 codes, far beyond online guessing when sign-in is throttled per address, per
 * reference and address, and per reference. Only a keyed hash is stored; a slow password hash is not needed
 * for 83 random bits.
 *
 * Codes issued before (seven groups of four characters from an alphabet without look-alikes, 140 bits) keep
 * working: both forms are recognised, and each is hashed in its own normal form.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

const GROUPS = 5;
const GROUP_LENGTH = 5;
const CODE_DIGITS = GROUPS * GROUP_LENGTH;
/** log2(10^25): what a guesser faces. */
export const CODE_BITS = CODE_DIGITS * Math.log2(10);

/** The earlier format: 28 symbols of 5 bits, still accepted. */
const LEGACY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LEGACY_LENGTH = 28;

export function generateAccessCode(): string {
  // randomInt draws without modulo bias, so every digit is equally likely.
  let digits = '';
  for (let i = 0; i < CODE_DIGITS; i++) digits += String(randomInt(10));
  return formatAccessCode(digits);
}

/** 25 digits as five groups of five, separated by spaces. */
function formatAccessCode(digits: string): string {
  return digits.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'g'))?.join(' ') ?? '';
}

/**
 * What the citizen typed, in normal form, or undefined when it cannot be a code: spaces, hyphens and dashes
 * (as phones and word processors write them) are ignored, full-width digits read as digits, letters of an
 * earlier code in either case.
 */
export function normaliseAccessCode(input: string): string | undefined {
  const cleaned = input
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212.]/g, '')
    .toUpperCase();
  if (new RegExp(`^\\d{${CODE_DIGITS}}$`).test(cleaned)) return cleaned;
  return new RegExp(`^[${LEGACY_ALPHABET}]{${LEGACY_LENGTH}}$`).test(cleaned) ? cleaned : undefined;
}

export function hashAccessCode(normalised: string, key: Buffer): string {
  return createHmac('sha256', key).update(`access-code:${normalised}`).digest('hex');
}

/** Constant-time comparison of a typed code with a stored hash; a malformed code or a missing hash never matches. */
export function accessCodeMatches(input: string, storedHash: string | null | undefined, key: Buffer): boolean {
  const normalised = normaliseAccessCode(input);
  // Hash even when the input is malformed, so the answer takes the same time either way.
  const candidate = Buffer.from(hashAccessCode(normalised ?? '', key), 'hex');
  const stored = Buffer.from(storedHash ?? '', 'hex');
  return normalised !== undefined && stored.length === candidate.length && timingSafeEqual(candidate, stored);
}
