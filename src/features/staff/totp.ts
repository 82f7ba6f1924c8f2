/**
 * Second factor: TOTP (RFC 6238, 30-second steps, 6 digits, as every authenticator app reads them) with the
 * secret sealed under a key derived from DATA_ENCRYPTION_KEY, and ten single-use recovery codes kept only
 * as keyed hashes. A code is accepted once: the step it belongs to is remembered and never accepted again.
 */
import { createHmac, randomInt } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { open, seal } from '../../lib/sealing.ts';

const PERIOD = 30;
const RECOVERY_CODE_COUNT = 10;

export function newSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string, issuer: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The otpauth:// URI and its QR code as SVG markup (generated here, no user input in it). */
export async function enrolment(secret: string, label: string, issuer: string): Promise<{ uri: string; qrSvg: string; manualKey: string }> {
  const uri = totp(secret, label, issuer).toString();
  // Loaded when a staff member first enrols, not in every portal's memory from the start.
  const { default: QRCode } = await import('qrcode');
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { uri, qrSvg, manualKey: secret.replace(/(.{4})/g, '$1 ').trim() };
}

/**
 * The time step of a valid code (one step of clock drift either way), or undefined. The caller accepts it
 * only when it is later than the last step used.
 */
export function verifyCode(secret: string, code: string, now = Date.now()): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totp(secret, 'x', 'x').validate({ token, timestamp: now, window: 1 });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code (for tests and the enrolment check). */
export function currentCode(secret: string, now = Date.now()): string {
  return totp(secret, 'x', 'x').generate({ timestamp: now });
}

export function sealSecret(secret: string, key: Buffer, staffId: number): Buffer {
  const sealed = seal(Buffer.from(secret), key, `staff:${staffId}`);
  return Buffer.concat([sealed.iv, sealed.authTag, sealed.ciphertext]);
}

export function openSecret(stored: Buffer, key: Buffer, staffId: number): string {
  return open({ iv: stored.subarray(0, 12), authTag: stored.subarray(12, 28), ciphertext: stored.subarray(28) }, key, `staff:${staffId}`).toString('utf8');
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like `k7mq-2xhp-9fbt` (about 70 bits each), shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('')).join('-'),
  );
}

export function normaliseRecoveryCode(input: string): string | undefined {
  const compact = input.toLowerCase().replace(/[\s-]+/g, '');
  return /^[a-z0-9]{12}$/.test(compact) ? compact : undefined;
}

export function hashRecoveryCode(code: string, key: Buffer): string {
  return createHmac('sha256', key)
    .update(normaliseRecoveryCode(code) ?? code)
    .digest('hex');
}
