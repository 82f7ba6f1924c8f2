/**
 * Active content in a PDF, found by parsing it (pdf-lib), not by a regex over its bytes: pdf-lib reads the
 * cross-reference tables and streams and unpacks compressed object streams, and every name is compared in
 * its decoded form, so `/J#61vaScript` (or a lowercase `#4a`) is JavaScript here as it is in a reader.
 * Refused: JavaScript, launch actions, embedded or attached files, rich media (Flash, 3D with scripts), XFA
 * forms (which carry scripts), and actions that import data from a file. Links (URI actions) and form
 * submit buttons are fine: they only act on a click, as a link does. An
 * encrypted PDF cannot be inspected (its object streams are ciphertext), and one that does not parse is not
 * accepted as a PDF. pdf-lib (some 20 MB of resident memory) is loaded with the first PDF, not at start.
 */
import type * as PdfLib from 'pdf-lib';
import type { PDFDocument, PDFInvalidObject, PDFName, PDFObject } from 'pdf-lib';

type Lib = typeof PdfLib;

export type PdfVerdict = 'ok' | 'active' | 'encrypted' | 'unreadable';

/** Dictionary keys that only exist to run, launch or carry something. */
const ACTIVE_KEYS = new Set(['JS', 'JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'EF', 'RichMedia', 'RichMediaContent', 'RichMediaExecute', 'XFA']);
/** Values of /S (action type), /Type and /Subtype that do the same. */
const ACTIVE_NAMES = new Set(['JavaScript', 'Launch', 'EmbeddedFile', 'RichMedia', 'RichMediaExecute', 'FileAttachment', 'GoToE', 'ImportData']);
const NAMED_VALUE_KEYS = new Set(['S', 'Type', 'Subtype']);
const MAX_DEPTH = 64;

/** A name as a reader sees it: every #xx escape decoded, whatever the case of its hex digits. */
function nameOf(name: PDFName): string {
  return name.decodeText().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function isActive(lib: Lib, object: PDFObject | undefined, depth = 0): boolean {
  if (object === undefined) return false;
  // Nesting this deep is not a document anyone wrote by hand or by a word processor.
  if (depth > MAX_DEPTH) return true;
  if (object instanceof lib.PDFRawStream) return isActive(lib, object.dict, depth + 1);
  if (object instanceof lib.PDFDict) {
    for (const [key, value] of object.entries()) {
      const name = nameOf(key);
      if (ACTIVE_KEYS.has(name)) return true;
      if (NAMED_VALUE_KEYS.has(name) && value instanceof lib.PDFName && ACTIVE_NAMES.has(nameOf(value))) return true;
      if (isActive(lib, value, depth + 1)) return true;
    }
    return false;
  }
  if (object instanceof lib.PDFArray) return object.asArray().some((item) => isActive(lib, item, depth + 1));
  if (object instanceof lib.PDFInvalidObject) return invalidObjectLooksActive(object);
  return false;
}

/** pdf-lib could not parse this object; a lenient reader might. Look for the same names in its decoded text. */
function invalidObjectLooksActive(object: PDFInvalidObject): boolean {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  const text = Buffer.from(bytes)
    .toString('latin1')
    .replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return [...ACTIVE_KEYS, ...ACTIVE_NAMES].some((name) => new RegExp(`/${name}(?![A-Za-z0-9])`).test(text));
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfVerdict> {
  const lib = await import('pdf-lib');
  let document: PDFDocument;
  try {
    // Loaded even when encrypted, to tell the person why their file was refused.
    document = await lib.PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    return 'unreadable';
  }
  if (document.isEncrypted) return 'encrypted';
  const { context } = document;
  if (!(context.lookup(context.trailerInfo.Root) instanceof lib.PDFDict)) return 'unreadable';
  if (isActive(lib, context.trailerInfo.Root) || isActive(lib, context.trailerInfo.Info)) return 'active';
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (isActive(lib, object)) return 'active';
  }
  return 'ok';
}
