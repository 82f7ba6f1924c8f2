import { expect } from 'chai';
import { checkFile } from '../../src/features/attachments/file-check.ts';
import { heicToJpeg, withoutMetadata } from '../../src/features/attachments/images.ts';
import { inspectPdf } from '../../src/features/attachments/pdf-check.ts';
import {
  docx,
  GPS_TAG,
  encryptedPdf,
  HEIC_WITH_GPS,
  jpegWithGps,
  openDocument,
  pdfWithEmbeddedFile,
  pdfWithEscapedJavaScriptNames,
  pdfWithJavaScriptInObjectStream,
  pdfWithLaunchAction,
  pdfWithLink,
  photoMetadata,
  plainPdf,
  xlsx,
} from '../support/documents.ts';

/** What the old check did: a regex over the raw bytes. The crafted files below must get past it. */
const RAW_REGEX = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/;

describe('PDF active content, found by parsing', () => {
  it('accepts a plain letter and one with a web link', async () => {
    expect(await inspectPdf(await plainPdf())).to.equal('ok');
    expect(await inspectPdf(await pdfWithLink())).to.equal('ok');
  });

  it('finds JavaScript inside a compressed object stream, which a regex over the bytes cannot see', async () => {
    const bytes = await pdfWithJavaScriptInObjectStream();
    expect(RAW_REGEX.test(bytes.toString('latin1')), 'the bytes do not show it').to.equal(false);
    expect(await inspectPdf(bytes)).to.equal('active');
  });

  it('finds JavaScript under #-escaped names: /J#61vaScript, /J#53, and lowercase hex', async () => {
    const escaped = await pdfWithEscapedJavaScriptNames();
    expect(escaped.toString('latin1')).to.include('/J#61vaScript').and.include('/J#53');
    expect(RAW_REGEX.test(escaped.toString('latin1')), 'the bytes do not show it').to.equal(false);
    expect(await inspectPdf(escaped)).to.equal('active');
    // pdf-lib itself decodes only uppercase hex digits; a reader decodes both.
    const lowercase = await pdfWithEscapedJavaScriptNames((name) => (name === 'JS' ? '#4a#53' : '#4aava#53cript'));
    expect(lowercase.toString('latin1')).to.include('/#4aava#53cript');
    expect(RAW_REGEX.test(lowercase.toString('latin1'))).to.equal(false);
    expect(await inspectPdf(lowercase)).to.equal('active');
  });

  it('finds launch actions and embedded files', async () => {
    expect(await inspectPdf(await pdfWithLaunchAction())).to.equal('active');
    expect(await inspectPdf(await pdfWithEmbeddedFile())).to.equal('active');
  });

  it('refuses what it cannot inspect: encrypted, or not a PDF at all', async () => {
    expect(await inspectPdf(await encryptedPdf())).to.equal('encrypted');
    expect(await inspectPdf(Buffer.from('%PDF-1.7\n%âãÏÓ\nthis is not a PDF body\n', 'latin1'))).to.equal('unreadable');
  });

  it('gives each refusal its message reason', async () => {
    expect(await checkFile(await pdfWithJavaScriptInObjectStream(), 'letter.pdf')).to.include({ ok: false, reason: 'active' });
    expect(await checkFile(await encryptedPdf(), 'statement.pdf')).to.include({ ok: false, reason: 'encrypted' });
    expect(await checkFile(Buffer.from('%PDF-1.7\nnothing here', 'latin1'), 'broken.pdf')).to.include({ ok: false, reason: 'type' });
    expect(await checkFile(await plainPdf(), 'letter.pdf')).to.include({ ok: true, contentType: 'application/pdf' });
  });
});

describe('documents and spreadsheets, checked inside the package', () => {
  it('accepts DOCX, XLSX, ODT and ODS that really are what they claim', async () => {
    expect(await checkFile(await docx(), 'answer.docx')).to.include({
      ok: true,
      kind: 'office',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(await checkFile(await xlsx(), 'calls.xlsx')).to.include({
      ok: true,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(await checkFile(await openDocument('text'), 'answer.odt')).to.include({ ok: true, contentType: 'application/vnd.oasis.opendocument.text' });
    expect(await checkFile(await openDocument('spreadsheet'), 'calls.ods')).to.include({
      ok: true,
      contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    });
  });

  it('refuses macros: a macro-enabled document, a VBA project inside a .docx, a Basic library in an ODT', async () => {
    expect(await checkFile(await docx({ macroEnabled: true }), 'answer.docm')).to.include({ ok: false, reason: 'macro' });
    expect(await checkFile(await docx({ macroEnabled: true }), 'answer.docx')).to.include({ ok: false, reason: 'macro' });
    expect(await checkFile(await docx({ vbaProject: true }), 'answer.docx')).to.include({ ok: false, reason: 'macro' });
    expect(await checkFile(await openDocument('text', { macros: true }), 'answer.odt')).to.include({ ok: false, reason: 'macro' });
  });

  it('refuses a package that is not what it claims, and a name that does not match', async () => {
    expect(await checkFile(await docx({ withoutMainPart: true }), 'answer.docx')).to.include({ ok: false, reason: 'type' });
    expect(await checkFile(await docx(), 'answer.pdf')).to.include({ ok: false, reason: 'type' });
    expect(await checkFile(await openDocument('text'), 'answer.ods')).to.include({ ok: false, reason: 'type' });
  });
});

describe('photos', () => {
  it('recognises an iPhone HEIC photo and converts it to a JPEG without metadata', async () => {
    expect(await checkFile(HEIC_WITH_GPS, 'IMG_0001.HEIC')).to.include({ ok: true, kind: 'heic', contentType: 'image/heic' });
    expect(HEIC_WITH_GPS.toString('latin1')).to.include('Fixture Author');
    const jpeg = await heicToJpeg(HEIC_WITH_GPS);
    expect(jpeg).to.not.equal(undefined);
    const metadata = await photoMetadata(jpeg ?? Buffer.alloc(0));
    expect(metadata).to.include({ format: 'jpeg', width: 64, height: 48, hasExif: false });
  });

  it('a HEIC that does not decode is not a photo', async () => {
    const broken = Buffer.concat([HEIC_WITH_GPS.subarray(0, 400), Buffer.alloc(200, 1)]);
    expect(await heicToJpeg(broken)).to.equal(undefined);
  });

  it('removes GPS, author and device from a JPEG, and turns it the way its EXIF said', async () => {
    const photo = await jpegWithGps({ orientation: 6, width: 40, height: 20 });
    const before = await photoMetadata(photo);
    expect(before.exif).to.include('Aida Reporter').and.include('PhoneMaker');
    expect(before.tags).to.include(GPS_TAG);
    const cleaned = await photoMetadata(await withoutMetadata(photo, 'image/jpeg'));
    expect(cleaned).to.include({ format: 'jpeg', hasExif: false, width: 20, height: 40 });
  });

  it('refuses a JPEG that does not decode', async () => {
    const photo = await jpegWithGps();
    expect(await checkFile(photo.subarray(0, 200), 'photo.jpg')).to.include({ ok: false, reason: 'type' });
  });
});
