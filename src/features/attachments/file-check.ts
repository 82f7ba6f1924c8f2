/**
 * What evidence files may be, recognised by their content (file-type reads the magic bytes and looks inside
 * ZIP packages), with a name whose extension agrees: PDF; photos (PNG, JPEG, HEIC/HEIF from iPhones); Word,
 * Excel and OpenDocument documents and spreadsheets (DOCX, XLSX, ODT, ODS); plain text. Refused as well: a
 * PDF with active content (pdf-check.ts), an encrypted PDF, an Office file that is not what it claims or has
 * macros (office-check.ts), HTML hidden in a picture, and a "text" file with binary bytes.
 */
import { fileTypeFromBuffer } from 'file-type';
import { isReadableImage } from './images.ts';
import { inspectOfficeFile, type OfficeType } from './office-check.ts';
import { inspectPdf } from './pdf-check.ts';

export type FileKind = 'pdf' | 'image' | 'heic' | 'office' | 'text';

const FILE_TYPES = {
  'application/pdf': { extensions: ['pdf'], kind: 'pdf' },
  'image/png': { extensions: ['png'], kind: 'image' },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], kind: 'image' },
  'image/heic': { extensions: ['heic', 'heif'], kind: 'heic' },
  'image/heif': { extensions: ['heic', 'heif'], kind: 'heic' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'], kind: 'office' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['xlsx'], kind: 'office' },
  'application/vnd.oasis.opendocument.text': { extensions: ['odt'], kind: 'office' },
  'application/vnd.oasis.opendocument.spreadsheet': { extensions: ['ods'], kind: 'office' },
  'text/plain': { extensions: ['txt'], kind: 'text' },
} as const satisfies Record<string, { extensions: readonly string[]; kind: FileKind }>;

type AcceptedType = keyof typeof FILE_TYPES;

/** For the file inputs' `accept` attribute: a hint to the browser's file picker, never a check. */
export const ACCEPT_ATTRIBUTE = [
  ...new Set(Object.values(FILE_TYPES).flatMap((type) => type.extensions.map((extension) => `.${extension}`))),
  ...Object.keys(FILE_TYPES),
].join(',');

export type RefusalReason = 'empty' | 'type' | 'active' | 'encrypted' | 'macro';

export type FileVerdict = { ok: true; contentType: AcceptedType; kind: FileKind; fileName: string } | { ok: false; reason: RefusalReason; fileName: string };

/** Documents keep the author names and edit history their program wrote into them. */
export function isDocument(contentType: string): boolean {
  return (FILE_TYPES as Record<string, { kind: FileKind } | undefined>)[contentType]?.kind === 'office';
}

/** A safe display name: no directories, control or reserved characters; the extension kept; at most 100 characters. */
function sanitiseFileName(name: string): string {
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

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const MARKUP = /<\s*(script|html|svg|iframe|object|embed|\?php)\b/i;
const MACRO_TYPES = /macroenabled/i;

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
  const fileName = sanitiseFileName(offeredName);
  if (bytes.length === 0) return { ok: false, reason: 'empty', fileName };
  const refuse = (reason: RefusalReason): FileVerdict => ({ ok: false, reason, fileName });
  const extension = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) {
    const isText =
      (FILE_TYPES['text/plain'].extensions as readonly string[]).includes(extension) && looksLikeText(bytes) && !MARKUP.test(bytes.toString('utf8'));
    return isText ? { ok: true, contentType: 'text/plain', kind: 'text', fileName } : refuse('type');
  }
  if (MACRO_TYPES.test(detected.mime)) return refuse('macro');
  const type = (FILE_TYPES as Record<string, { extensions: readonly string[]; kind: FileKind } | undefined>)[detected.mime];
  if (!type?.extensions.includes(extension)) return refuse('type');
  const contentType = detected.mime as AcceptedType;
  const accepted: FileVerdict = { ok: true, contentType, kind: type.kind, fileName };
  switch (type.kind) {
    case 'pdf': {
      const verdict = await inspectPdf(bytes);
      return verdict === 'ok' ? accepted : refuse(verdict === 'unreadable' ? 'type' : verdict);
    }
    case 'office': {
      const verdict = await inspectOfficeFile(bytes, contentType as OfficeType);
      return verdict === 'ok' ? accepted : refuse(verdict === 'macro' ? 'macro' : 'type');
    }
    case 'image':
      if (MARKUP.test(bytes.toString('latin1'))) return refuse('type');
      return (await isReadableImage(bytes, contentType as 'image/png' | 'image/jpeg')) ? accepted : refuse('type');
    default:
      return MARKUP.test(bytes.toString('latin1')) ? refuse('type') : accepted;
  }
}
