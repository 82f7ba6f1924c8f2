/**
 * What evidence files may be: PDF, PNG, JPEG or plain text, recognised by their content (magic bytes), with
 * a name whose extension agrees, and without active content (a PDF with JavaScript, HTML hidden in an image,
 * a "text" file with binary bytes). Pure: it only looks at bytes and the offered name.
 */
import { fileTypeFromBuffer } from 'file-type';

export const ALLOWED = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt'],
} as const;

export type AllowedType = keyof typeof ALLOWED;

export type FileVerdict = { ok: true; contentType: AllowedType; fileName: string } | { ok: false; reason: 'empty' | 'type' };

/** A safe display name: no directories, control or reserved characters; the extension kept; at most 100 characters. */
export function sanitiseFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!cleaned) return 'file';
  const dot = cleaned.lastIndexOf('.');
  if (cleaned.length <= 100) return cleaned;
  const extension = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 100 - extension.length) + extension;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const ACTIVE_PDF = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/;
const MARKUP = /<\s*(script|html|svg|iframe|object|embed|\?php)\b/i;

function looksLikeText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export async function checkFile(bytes: Buffer, offeredName: string): Promise<FileVerdict> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const fileName = sanitiseFileName(offeredName);
  const extension = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) {
    const isText = (ALLOWED['text/plain'] as readonly string[]).includes(extension) && looksLikeText(bytes) && !MARKUP.test(bytes.toString('utf8'));
    return isText ? { ok: true, contentType: 'text/plain', fileName } : { ok: false, reason: 'type' };
  }
  const allowedExtensions = (ALLOWED as Record<string, readonly string[]>)[detected.mime];
  if (!allowedExtensions?.includes(extension)) return { ok: false, reason: 'type' };
  const latin1 = bytes.toString('latin1');
  if (detected.mime === 'application/pdf' && ACTIVE_PDF.test(latin1)) return { ok: false, reason: 'type' };
  if (detected.mime !== 'application/pdf' && MARKUP.test(latin1)) return { ok: false, reason: 'type' };
  return { ok: true, contentType: detected.mime as AllowedType, fileName };
}
