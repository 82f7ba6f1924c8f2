/**
 * Random values for what every new visitor gets (the form cookie's nonce): drawn from a buffer the system's
 * CSPRNG fills 4 KB at a time, as crypto.randomUUID does, rather than one call into OpenSSL per value (about
 * 9 µs each, a tenth of what a form page costs at the front door). Each byte is handed out once.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** `bytes` random bytes (at most 256) as base64url: 16 give the 22 characters of a form nonce. */
export function randomBase64url(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 256) throw new RangeError('randomBase64url: 1 to 256 bytes');
  if (offset + bytes > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const value = pool.toString('base64url', offset, offset + bytes);
  offset += bytes;
  return value;
}
