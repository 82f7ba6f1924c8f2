/**
 * A request letter as a PDF, the way the letter page prints it: addresses, date, heading, subject, paragraphs
 * and signature, in the letter's language (DejaVu Sans covers Kyrgyz ң ө ү). It goes with a complaint started
 * from a kept request, as the proof of the earlier contact with the organisation.
 */
import { startPdf } from '../../lib/pdf.ts';
import type { Letter } from './service.ts';

export async function renderLetterPdf(letter: Letter): Promise<Buffer> {
  const { pdf, width, finish } = await startPdf({ language: letter.lang, title: letter.subject, margin: 56 });
  const body = (text: string) => pdf.font('regular').fontSize(10.5).text(text, { width, paragraphGap: 6, lineGap: 1.5 });
  pdf.font('regular').fontSize(10.5).text(letter.to.join('\n'), { width, align: 'right' });
  pdf.moveDown(0.8);
  pdf.text(letter.from.join('\n'), { width, align: 'right' });
  pdf.moveDown(0.8);
  pdf.text(letter.date, { width, align: 'right' });
  pdf.moveDown(1.2);
  pdf.font('bold').fontSize(14).text(letter.heading, { width, align: 'center' });
  pdf.moveDown(0.6);
  pdf.font('bold').fontSize(10.5).text(letter.subject, { width });
  pdf.moveDown(0.6);
  body(letter.opening);
  body(letter.request);
  if (letter.details) {
    pdf.font('bold').fontSize(10.5).text(letter.details.label, { width });
    body(letter.details.text);
  }
  for (const paragraph of letter.paragraphs) body(paragraph);
  body(letter.closing);
  pdf.moveDown(1);
  body(letter.signature);
  return finish();
}
