/**
 * Evidence files made in the test, the way real programs make them: PDFs with pdf-lib (with and without
 * active content, compressed object streams, escaped names), Office and OpenDocument packages with JSZip,
 * photos with EXIF (GPS, author, device) with sharp, and the committed HEIC photo.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

export const HEIC_WITH_GPS = readFileSync(path.join(import.meta.dirname, 'fixtures', 'photo-with-gps.heic'));

async function pdf(build: (document: PDFDocument) => Promise<void> | void, options: { objectStreams: boolean }): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([300, 200]);
  page.drawText('Letter from the bank', { x: 20, y: 150, size: 12, font: await document.embedFont(StandardFonts.Helvetica) });
  await build(document);
  return Buffer.from(await document.save({ useObjectStreams: options.objectStreams }));
}

/** A plain letter, its objects in compressed object streams (as most producers write them). */
export const plainPdf = (): Promise<Buffer> => pdf(() => undefined, { objectStreams: true });

/** JavaScript run on opening, written inside a Flate-compressed object stream: the bytes never show "JavaScript". */
export const pdfWithJavaScriptInObjectStream = (): Promise<Buffer> =>
  pdf(
    (document) => {
      document.catalog.set(PDFName.of('OpenAction'), document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("hi")') }));
    },
    { objectStreams: true },
  );

/** JavaScript under names written with #xx escapes (/J#61vaScript, /J#53), in plain (uncompressed) objects. */
export async function pdfWithEscapedJavaScriptNames(
  escape: (name: string) => string = (name) => name.replace('JavaScript', 'J#61vaScript').replace(/^JS$/, 'J#53'),
): Promise<Buffer> {
  const bytes = await pdf(
    (document) => {
      document.catalog.set(PDFName.of('OpenAction'), document.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("hi")') }));
    },
    { objectStreams: false },
  );
  return Buffer.from(
    bytes.toString('latin1').replace(/\/(JavaScript|JS)(?=[\s/(<])/g, (_, name: string) => `/${escape(name)}`),
    'latin1',
  );
}

export const pdfWithLaunchAction = (): Promise<Buffer> =>
  pdf(
    (document) => {
      document.catalog.set(PDFName.of('OpenAction'), document.context.obj({ S: 'Launch', F: PDFString.of('cmd.exe') }));
    },
    { objectStreams: true },
  );

export const pdfWithEmbeddedFile = (): Promise<Buffer> =>
  pdf(
    async (document) => {
      await document.attach(Buffer.from('MZ not really a program'), 'payload.exe', { mimeType: 'application/octet-stream', description: 'attached' });
    },
    { objectStreams: true },
  );

/** A page with a link to a web address: a URI action, which is fine. */
export const pdfWithLink = (): Promise<Buffer> =>
  pdf(
    (document) => {
      const [page] = document.getPages();
      const link = document.context.register(
        document.context.obj({
          Type: 'Annot',
          Subtype: 'Link',
          Rect: [20, 20, 120, 40],
          Border: [0, 0, 0],
          A: { Type: 'Action', S: 'URI', URI: PDFString.of('https://example.kg/') },
        }),
      );
      page?.node.set(PDFName.of('Annots'), document.context.obj([link]));
    },
    { objectStreams: true },
  );

/** A PDF whose trailer says it is encrypted (its contents cannot be inspected). */
export const encryptedPdf = (): Promise<Buffer> =>
  pdf(
    (document) => {
      document.context.trailerInfo.Encrypt = document.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -4 });
    },
    { objectStreams: false },
  );

const CONTENT_TYPES = (main: string, part: string, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${main}"/>${extra}</Types>`;

/** A Word document (DOCX); `options` make it macro-enabled, carry a VBA project, or lose its main part. */
export async function docx(options: { macroEnabled?: boolean; vbaProject?: boolean; withoutMainPart?: boolean } = {}): Promise<Buffer> {
  const zip = new JSZip();
  const main = options.macroEnabled
    ? 'application/vnd.ms-word.document.macroEnabled.main+xml'
    : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  zip.file('[Content_Types].xml', CONTENT_TYPES(main, 'word/document.xml'));
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  if (!options.withoutMainPart)
    zip.file(
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>The bank’s answer</w:t></w:r></w:p></w:body></w:document>',
    );
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Aida Author</dc:creator></cp:coreProperties>',
  );
  if (options.vbaProject) zip.file('word/vbaProject.bin', Buffer.from('not really VBA'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function xlsx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'xl/workbook.xml'));
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Calls" sheetId="1"/></sheets></workbook>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** An OpenDocument text or spreadsheet; `macros` adds a Basic library. */
export async function openDocument(kind: 'text' | 'spreadsheet', options: { macros?: boolean } = {}): Promise<Buffer> {
  const zip = new JSZip();
  const type = `application/vnd.oasis.opendocument.${kind}`;
  // The mimetype entry comes first and uncompressed, as the format requires.
  zip.file('mimetype', type, { compression: 'STORE' });
  zip.file(
    'META-INF/manifest.xml',
    `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="${type}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
  );
  zip.file(
    'content.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:body/></office:document-content>',
  );
  zip.file(
    'meta.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:initial-creator>Aida Author</meta:initial-creator></office:meta></office:document-meta>',
  );
  if (options.macros)
    zip.file(
      'Basic/Standard/Module1.xml',
      '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1">Sub Main : Shell("calc") : End Sub</script:module>',
    );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A photo as a phone takes it: EXIF with the place (GPS), the author and the device, and optionally a rotation. */
export async function jpegWithGps(options: { orientation?: number; width?: number; height?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 40;
  const height = options.height ?? 20;
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .withMetadata(options.orientation ? { orientation: options.orientation } : {})
    .withExifMerge({
      IFD0: { Artist: 'Aida Reporter', Make: 'PhoneMaker', Model: 'Phone 15', Copyright: 'Aida Reporter' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 52/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '74/1 36/1 15/1' },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The tags of an EXIF block's first directory (0x8825 points to the GPS position, 0x013b is the artist). */
function exifTags(exif: Buffer | undefined): number[] {
  if (!exif) return [];
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const read16 = (offset: number): number => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const read32 = (offset: number): number => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const directory = read32(4);
  return Array.from({ length: read16(directory) }, (_, index) => read16(directory + 2 + index * 12));
}

export const GPS_TAG = 0x8825;
export const ARTIST_TAG = 0x013b;

/** What a stored photo still says about where and by whom it was taken. */
export async function photoMetadata(
  bytes: Buffer,
): Promise<{ format: string | undefined; width: number; height: number; exif: string; tags: number[]; hasExif: boolean }> {
  const metadata = await sharp(bytes).metadata();
  const exif = metadata.exif?.toString('latin1') ?? '';
  return {
    format: metadata.format,
    width: metadata.width,
    height: metadata.height,
    exif,
    tags: exifTags(metadata.exif),
    hasExif: metadata.exif !== undefined || metadata.xmp !== undefined || metadata.iptc !== undefined,
  };
}
