/**
 * Word, Excel and OpenDocument files are ZIP packages: file-type guesses which one from the first entries,
 * and this opens the package properly (yauzl, from the central directory) to check that it really is one —
 * the declared content type of the main part and the part itself for OOXML, the `mimetype` entry, manifest
 * and content for ODF — and that it carries no macros (VBA projects, macro-enabled content types, ActiveX
 * controls, OpenDocument Basic or script libraries). Only a few small entries are ever decompressed, each
 * within a size cap, so a ZIP bomb costs nothing.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export type OfficeType =
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'application/vnd.oasis.opendocument.text'
  | 'application/vnd.oasis.opendocument.spreadsheet';

export type OfficeVerdict = 'ok' | 'macro' | 'unreadable';

/** OOXML: the content type of the package's main part. ODF: the `mimetype` entry is the type itself. */
const MAIN_PART: Record<OfficeType, string | undefined> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.oasis.opendocument.text': undefined,
  'application/vnd.oasis.opendocument.spreadsheet': undefined,
};

const MAX_ENTRIES = 10_000;
const MAX_SMALL_ENTRY = 1024 * 1024;
const MACRO_ENTRY = /(^|\/)(vbaProject\.bin|vbaProjectSignature\.bin|vbaData\.xml)$|(^|\/)activeX\/|^(Basic|Scripts)\//i;

async function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string | undefined> {
  if (entry.uncompressedSize > MAX_SMALL_ENTRY || entry.isEncrypted()) return undefined;
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  // yauzl checks the inflated size against the declared one (validateEntrySizes), so this stays small.
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function inspectOfficeFile(bytes: Buffer, type: OfficeType): Promise<OfficeVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    return 'unreadable';
  }
  if (zip.entryCount > MAX_ENTRIES) return 'unreadable';
  const names = new Set<string>();
  const small = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      names.add(entry.fileName);
      if (entry.fileName === '[Content_Types].xml' || entry.fileName === 'mimetype' || entry.fileName === 'META-INF/manifest.xml') {
        const text = await readSmall(zip, entry);
        if (text === undefined) return 'unreadable';
        small.set(entry.fileName, text);
      }
    }
  } catch {
    return 'unreadable';
  } finally {
    zip.close();
  }
  const manifest = small.get('[Content_Types].xml') ?? small.get('META-INF/manifest.xml') ?? '';
  if ([...names].some((name) => MACRO_ENTRY.test(name)) || /macroEnabled|vbaProject/i.test(manifest)) return 'macro';

  const mainPart = MAIN_PART[type];
  if (mainPart) {
    const overrides = small.get('[Content_Types].xml')?.match(/<Override\b[^>]*>/g) ?? [];
    const hasMainPart = overrides.some((tag) => {
      const part = /PartName="\/?([^"]+)"/.exec(tag)?.[1];
      return /ContentType="([^"]+)"/.exec(tag)?.[1] === mainPart && part !== undefined && names.has(part);
    });
    return hasMainPart ? 'ok' : 'unreadable';
  }
  const isOdf = small.get('mimetype')?.trim() === type && names.has('META-INF/manifest.xml') && names.has('content.xml');
  return isOdf ? 'ok' : 'unreadable';
}
