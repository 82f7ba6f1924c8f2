/**
 * What every PDF the portal prints shares: A4 with DejaVu Sans (it covers Kyrgyz ң ө ү), pdfkit loaded when the
 * first PDF is printed (not held in every portal's memory from the start), the bytes collected into one Buffer,
 * and "page n of m" at the foot of every page.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};

const PDF_MARGIN = 56;
export const PDF_GREY = '#505a5f';

interface PdfOptions {
  language: string;
  title: string;
  author?: string;
  date?: Date;
  /** All four sides (default: 56 pt, with room at the foot for the page numbers). */
  margin?: number;
}

/** A new document with the fonts registered as 'regular', 'bold' and 'mono'; `finish` numbers the pages and ends it. */
export async function startPdf(
  options: PdfOptions,
): Promise<{ pdf: PDFKit.PDFDocument; width: number; finish: (pageLabel?: (page: number, pages: number) => string) => Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const margin = options.margin ?? PDF_MARGIN;
  const dates = options.date ? { CreationDate: options.date, ModDate: options.date } : {};
  const pdf = new PDFDocument({
    size: 'A4',
    margins:
      options.margin === undefined
        ? { top: margin, bottom: margin + 14, left: margin, right: margin }
        : { top: margin, bottom: margin, left: margin, right: margin },
    bufferPages: true,
    lang: options.language,
    displayTitle: true,
    info: { Title: options.title, ...(options.author ? { Author: options.author } : {}), ...dates },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', FONTS.regular);
  pdf.registerFont('bold', FONTS.bold);
  pdf.registerFont('mono', FONTS.mono);
  const width = pdf.page.width - 2 * margin;
  const finish = (pageLabel?: (page: number, pages: number) => string): Promise<Buffer> => {
    if (pageLabel) numberPages(pdf, pageLabel, width);
    pdf.end();
    return done;
  };
  return { pdf, width, finish };
}

/** "Page n of m" at the foot of every page, written once all pages exist. */
function numberPages(pdf: PDFKit.PDFDocument, pageLabel: (page: number, pages: number) => string, width: number): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor(PDF_GREY)
      .text(pageLabel(index + 1, range.count), PDF_MARGIN, pdf.page.height - PDF_MARGIN, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}

/** The authority's name and address centred over a rule, then the document's title. */
export function pdfLetterhead(pdf: PDFKit.PDFDocument, width: number, head: { authority: string; address: string; title: string }): void {
  pdf.font('bold').fontSize(12).fillColor('black').text(head.authority, { align: 'center', width });
  pdf.font('regular').fontSize(9).fillColor(PDF_GREY).text(head.address, { align: 'center', width });
  pdf.moveDown(0.6);
  pdf
    .moveTo(PDF_MARGIN, pdf.y)
    .lineTo(PDF_MARGIN + width, pdf.y)
    .lineWidth(0.5)
    .strokeColor(PDF_GREY)
    .stroke();
  pdf.moveDown(1.2);
  pdf.font('bold').fontSize(18).fillColor('black').text(head.title, { align: 'center', width });
  pdf.moveDown(0.8);
}
