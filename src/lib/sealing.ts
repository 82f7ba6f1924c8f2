/**
 * Sealing data at rest (attachments, saved drafts, receipts, staff secrets): AES-256-GCM with a fresh 96-bit IV
 * each time, the owner's id as additional authenticated data (bytes copied onto another row do not decrypt), the
 * key version stored beside it so keys can be rotated, and one key per purpose derived from the master key.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const KEY_VERSION = 1;

export interface Sealed {
  ciphertext: Buffer;
  iv: Buffer;
  authTag: Buffer;
}

export function seal(plaintext: Buffer, key: Buffer, associatedData: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, iv, authTag: cipher.getAuthTag() };
}

export function open(sealed: Sealed, key: Buffer, associatedData: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

/** Separate keys for separate purposes, all derived from DATA_ENCRYPTION_KEY. */
export function deriveKey(
  master: Buffer,
  purpose: 'attachments' | 'access-codes' | 'receipts' | 'staff-totp' | 'staff-recovery' | 'saved-drafts' | 'resume-codes' | 'tracked-requests',
): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `ukuk:${purpose}`, 32));
}
