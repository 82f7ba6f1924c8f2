/**
 * A readable copy of a case as the citizen (or the notifying organisation) submitted it: a PDF in the case's
 * language with the reference and dates, every answer under its own question (the same sections as the case
 * pages), the list of files, and — in the case space's download — the timeline and the messages.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { PDF_GREY, pdfLetterhead, startPdf } from '../../lib/pdf.ts';
import type { AnswerSection } from './answers.ts';
import { loadCaseAnswers } from './case-answers.ts';
import type { StoredCase } from './submission.ts';

/** What the copy prints besides the answers: already in the order the case space shows them. */
export interface CopyExtras {
  files: readonly { name: string; sizeBytes: number }[];
  timeline?: readonly { at: Date; labelKey: string }[];
  messages?: readonly { at: Date; fromAgency: boolean; body: string }[];
}

export interface CopiedCase {
  reference: string;
  type: 'complaint' | 'report' | 'breach' | 'registration';
  language: Language;
  organisation_name: string;
  received_at: Date;
}

interface CopySite {
  translator: Translator;
  authority: { name: Record<Language, string>; address: Record<Language, string> };
}

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function heading(pdf: PDFKit.PDFDocument, text: string): void {
  pdf.moveDown(1);
  pdf.font('bold').fontSize(13).fillColor('black').text(text);
  pdf.moveDown(0.3);
}

function printAnswers(pdf: PDFKit.PDFDocument, width: number, sections: readonly AnswerSection[]): void {
  for (const section of sections) {
    heading(pdf, section.title);
    for (const row of section.rows) {
      pdf.font('bold').fontSize(10).fillColor('black').text(row.label, { width });
      const value = Array.isArray(row.value) ? row.value.map((item) => `• ${item}`).join('\n') : row.value;
      pdf.font('regular').fontSize(10.5).text(value, { width, indent: 0, lineGap: 1.5 });
      pdf.moveDown(0.5);
    }
  }
}

/** The copy's bytes; `now` is the moment printed as "made on". */
async function renderCaseCopy(site: CopySite, found: CopiedCase, sections: readonly AnswerSection[], extras: CopyExtras, now = new Date()): Promise<Buffer> {
  const lang = found.language;
  const t = site.translator.forLanguage(lang);
  const title = t(`intake.copy.title.${found.type}`);
  const { pdf, width, finish } = await startPdf({ language: lang, title: `${title} — ${found.reference}`, author: site.authority.name[lang], date: now });
  pdfLetterhead(pdf, width, { authority: site.authority.name[lang], address: site.authority.address[lang], title });
  const facts: [string, string][] = [
    [t('intake.copy.reference'), found.reference],
    [t('intake.copy.organisation'), found.organisation_name],
    [t('intake.copy.received'), formatDateTime(found.received_at, lang)],
    [t('intake.copy.made'), formatDateTime(now, lang)],
  ];
  for (const [label, value] of facts) pdf.font('bold').fontSize(10.5).text(`${label}: `, { continued: true }).font('regular').text(value);
  printAnswers(pdf, width, sections);
  heading(pdf, t('intake.copy.files'));
  const files = extras.files.map((file) => `• ${file.name} (${kilobytes(file.sizeBytes)})`);
  pdf
    .font('regular')
    .fontSize(10.5)
    .text(files.length > 0 ? files.join('\n') : t('intake.copy.noFiles'), { width });
  if (extras.timeline && extras.timeline.length > 0) {
    heading(pdf, t('intake.copy.timeline'));
    for (const event of extras.timeline)
      pdf
        .font('regular')
        .fontSize(10)
        .text(`${formatDateTime(event.at, lang)} — ${t(event.labelKey)}`, { width });
  }
  if (extras.messages && extras.messages.length > 0) {
    heading(pdf, t('intake.copy.messages'));
    for (const message of extras.messages) {
      const from = t(message.fromAgency ? 'intake.copy.fromAgency' : 'intake.copy.fromYou');
      pdf
        .font('bold')
        .fontSize(9.5)
        .fillColor(PDF_GREY)
        .text(`${formatDateTime(message.at, lang)} — ${from}`, { width });
      pdf.font('regular').fontSize(10.5).fillColor('black').text(message.body, { width, lineGap: 1.5 });
      pdf.moveDown(0.5);
    }
  }
  return finish((page, pages) => t('intake.copy.page', { page: String(page), pages: String(pages) }));
}

/** The copy of a stored case: its answers read back under the journey's questions, in the case's language. */
export async function caseCopyPdf(
  knex: Knex,
  site: CopySite,
  stored: CopiedCase & StoredCase & { id: number; follow_up_of: number | null },
  extras: CopyExtras,
): Promise<Buffer> {
  const lang = stored.language;
  const sections = await loadCaseAnswers(knex, stored, { t: site.translator.forLanguage(lang), lang });
  return renderCaseCopy(site, stored, sections, extras);
}
