/**
 * The secret access code a citizen uses with their case reference: 140 bits from the CSPRNG, written as
 * seven groups of four characters from an alphabet without look-alikes (no 0/O, 1/I). Only a keyed hash is
 * stored. A slow password hash is not needed: nobody can guess 140 random bits, and look-ups are rate-limited.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const GROUPS = 7;
const GROUP_LENGTH = 4;
export const CODE_LENGTH = GROUPS * GROUP_LENGTH;
export const CODE_BITS = CODE_LENGTH * 5;

export function generateAccessCode(): string {
  // 32 symbols = 5 bits each: take the bits straight from random bytes, so every symbol is equally likely.
  const bytes = randomBytes(Math.ceil((CODE_LENGTH * 5) / 8));
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < CODE_LENGTH) {
      code += ALPHABET.charAt((value >> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return formatAccessCode(code);
}

export function formatAccessCode(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'g'))?.join('-') ?? '';
}

/** What the citizen typed, forgiving lower case, spaces and hyphens. */
export function normaliseAccessCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '');
  return new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`).test(cleaned) ? cleaned : undefined;
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
