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
import { PDF_GREY, pdfLetterhead, startPdf } from '../../lib/pdf.ts';

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

export async function renderDecisionPdf(doc: DecisionDocument): Promise<Buffer> {
  const title = `${doc.title} — ${doc.facts[0]?.value ?? ''}`;
  const { pdf, width, finish } = await startPdf({ language: doc.language, title, author: doc.authority, date: doc.issuedAt });
  pdfLetterhead(pdf, width, { authority: doc.authority, address: doc.authorityAddress, title: doc.title });
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
  pdf.font('regular').fontSize(8.5).fillColor(PDF_GREY).text(doc.verificationText, { width });
  return finish(doc.pageLabel);
}
