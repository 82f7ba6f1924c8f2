/**
 * The annual report as PDF (pdfkit, DejaVu Sans for Kyrgyz letters): each panel's heading, its chart drawn with
 * vector calls from the same numbers as the HTML (bars of each row's shown counts, patterned by series through
 * shades and outlines) and its table.
 */
import { startPdf } from '../../lib/pdf.ts';
import type { AnnualReport } from './presenters/annual.ts';
import type { Panel } from './presenters/panel.ts';
import { seriesColour } from './svg.ts';

const MARGIN = 50;

function chart(pdf: PDFKit.PDFDocument, panel: Panel, width: number): void {
  // A table with totals ends in a totals row and column; the bars are of the counts alone.
  const totals = panel.rows.at(-1)?.[0] === panel.head.at(-1);
  const rows = totals ? panel.rows.slice(0, -1) : panel.rows;
  const values = rows.map((row) =>
    row
      .slice(1, totals ? -1 : undefined)
      .map((value) => Number.parseFloat(value))
      .map((value) => (Number.isFinite(value) ? value : 0)),
  );
  const max = Math.max(1, ...values.map((row) => row.reduce((sum, value) => sum + value, 0)));
  const labelWidth = 140;
  for (const [index, row] of rows.slice(0, 24).entries()) {
    if (pdf.y > pdf.page.height - 90) pdf.addPage();
    const y = pdf.y;
    pdf
      .font('regular')
      .fontSize(7)
      .fillColor('black')
      .text(row[0] ?? '', MARGIN, y, { width: labelWidth - 6, align: 'right', lineBreak: false });
    let x = MARGIN + labelWidth;
    for (const [s, value] of (values[index] ?? []).entries()) {
      const w = (value / max) * (width - labelWidth - 40);
      if (w > 0) pdf.rect(x, y, w, 8).fillAndStroke(seriesColour(s), '#0b0c0c');
      x += w;
    }
    pdf.y = y + 11;
  }
  pdf.moveDown(0.5);
}

function table(pdf: PDFKit.PDFDocument, panel: Panel, width: number): void {
  const columnWidth = width / Math.max(1, panel.head.length);
  for (const row of [panel.head, ...panel.rows]) {
    if (pdf.y > pdf.page.height - 80) pdf.addPage();
    const y = pdf.y;
    row.forEach((value, c) => {
      pdf
        .font(row === panel.head || c === 0 ? 'bold' : 'regular')
        .fontSize(6.5)
        .fillColor('black')
        .text(value, MARGIN + c * columnWidth, y, { width: columnWidth - 3, lineBreak: false, ellipsis: true });
    });
    pdf.y = y + 10;
  }
  pdf.moveDown(1);
}

export async function renderAnnualPdf(report: AnnualReport): Promise<Buffer> {
  const { pdf, width, finish } = await startPdf({ language: report.lang, title: report.title, author: report.authority, margin: MARGIN });
  pdf.font('bold').fontSize(11).text(report.authority, { width, align: 'center' });
  pdf.moveDown(0.5).fontSize(16).text(report.title, { width, align: 'center' });
  pdf.moveDown().font('regular').fontSize(10).text(report.intro, { width });
  pdf.moveDown(0.5).text(report.receivedLine, { width });
  pdf.moveDown(0.5).fontSize(8).fillColor('#505a5f').text(report.fewerNote, { width });
  for (const panel of report.panels) {
    if (pdf.y > pdf.page.height - 200) pdf.addPage();
    pdf.moveDown().font('bold').fontSize(12).fillColor('black').text(panel.heading, MARGIN, pdf.y, { width });
    pdf.moveDown(0.4);
    chart(pdf, panel, width);
    table(pdf, panel, width);
  }
  return finish();
}
