/**
 * A decision as the citizen keeps it: a PDF in the case's language with the authority's name, the reference,
 * the date, the outcome, the reasons, the legal basis, how to challenge it, and a verification code.
 *
 * The verification code is the SHA-256 of the decision's canonical form — not of the PDF, which cannot print
 * its own hash — and the audit trail records it (with the PDF's own SHA-256) when the decision is approved:
 *
 *   code = hex(sha256(utf8(JSON.stringify(['ukuk-decision-v1', reference, language, outcome, issuedOn,
 *                                          reasons, legalBasis]))))
 *
 * with issuedOn as YYYY-MM-DD (Bishkek) and the texts exactly as stored. DejaVu Sans covers Kyrgyz (ң ө ү).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};

export interface CanonicalDecision {
  reference: string;
  language: string;
  outcome: string;
  issuedOn: string;
  reasons: string;
  legalBasis: string;
}

export function decisionHash(decision: CanonicalDecision): string {
  const canonical = JSON.stringify([
    'ukuk-decision-v1',
    decision.reference,
    decision.language,
    decision.outcome,
    decision.issuedOn,
    decision.reasons,
    decision.legalBasis,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Everything printed, already in the case's language. */
export interface DecisionDocument {
  language: string;
  authority: string;
  authorityAddress: string;
  title: string;
  /** Label/value lines under the title: case, organisation, date. */
  facts: { label: string; value: string }[];
  sections: { heading: string; text: string }[];
  verificationHeading: string;
  verificationText: string;
  hash: string;
  pageLabel: (page: number, pages: number) => string;
  issuedAt: Date;
}

const MARGIN = 56;
const GREY = '#505a5f';

/** "Page n of m" at the foot of every page, written once all pages exist. */
function numberPages(pdf: PDFKit.PDFDocument, doc: DecisionDocument, width: number): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(doc.pageLabel(index + 1, range.count), MARGIN, pdf.page.height - MARGIN, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}

export async function renderDecisionPdf(doc: DecisionDocument): Promise<Buffer> {
  // pdfkit is loaded when the first decision is printed, not held in every portal's memory from the start.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: doc.language,
    displayTitle: true,
    info: { Title: `${doc.title} — ${doc.facts[0]?.value ?? ''}`, Author: doc.authority, CreationDate: doc.issuedAt, ModDate: doc.issuedAt },
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
  const width = pdf.page.width - 2 * MARGIN;

  pdf.font('bold').fontSize(12).fillColor('black').text(doc.authority, { align: 'center', width });
  pdf.font('regular').fontSize(9).fillColor(GREY).text(doc.authorityAddress, { align: 'center', width });
  pdf.moveDown(0.6);
  pdf
    .moveTo(MARGIN, pdf.y)
    .lineTo(MARGIN + width, pdf.y)
    .lineWidth(0.5)
    .strokeColor(GREY)
    .stroke();
  pdf.moveDown(1.2);
  pdf.font('bold').fontSize(18).fillColor('black').text(doc.title, { align: 'center', width });
  pdf.moveDown(0.8);
  for (const fact of doc.facts) {
    pdf.font('bold').fontSize(10.5).text(`${fact.label}: `, { continued: true }).font('regular').text(fact.value);
  }
  for (const section of doc.sections) {
    pdf.moveDown(1);
    pdf.font('bold').fontSize(12).text(section.heading);
    pdf.moveDown(0.3);
    pdf.font('regular').fontSize(10.5).text(section.text, { align: 'left', width, paragraphGap: 4, lineGap: 1.5 });
  }
  pdf.moveDown(1.5);
  pdf.font('bold').fontSize(10).text(doc.verificationHeading);
  pdf.font('mono').fontSize(9).text(doc.hash, { width });
  pdf.font('regular').fontSize(8.5).fillColor(GREY).text(doc.verificationText, { width });

  numberPages(pdf, doc, width);
  pdf.end();
  return done;
}
