/**
 * Decisions: the approved decision fixed, hashed, printed to PDF and stored with the case; and what the
 * citizen may see of decisions and files (a proposal under review or returned stays between staff).
 */
import type { Knex } from 'knex';
import { formatLongDate } from '../../lib/dates.ts';
import { storeGeneratedFile } from '../attachments/service.ts';
import { quoteContent } from '../content/service.ts';
import type { CaseFileRow } from './case-repository.ts';
import { decisionHash, renderDecisionPdf, type DecisionDocument } from './decision-pdf.ts';
import { caseAttachments, type AttachmentRow } from '../attachments/service.ts';
import { decisionFileIds, issuedDecision, linkFilesToDecision, reviewDecision, unissuedDecisionFileIds, type DecisionRow } from './decisions-repository.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';

/** Where the authority keeps the text on challenging a decision: content it edits (seeds/content/faq). */
export const CHALLENGE_CONTENT = { kind: 'faq', slug: 'challenge-a-decision' } as const;

/** Everything the decision PDF prints, in the case's language. */
async function decisionDocument(
  deps: CaseworkDeps,
  trx: Knex.Transaction,
  found: CaseFileRow,
  proposal: DecisionRow,
  issuedOn: string,
  hash: string,
): Promise<DecisionDocument> {
  const lang = found.language;
  const t = deps.translator.forLanguage(lang);
  const challenge = await quoteContent(trx, CHALLENGE_CONTENT.kind, CHALLENGE_CONTENT.slug, lang);
  return {
    language: lang,
    authority: deps.config.authority.name[lang],
    authorityAddress: deps.config.authority.address[lang],
    title: t('casework.pdf.title'),
    facts: [
      { label: t('casework.pdf.case'), value: found.reference },
      { label: t('casework.pdf.organisation'), value: found.organisation_name },
      { label: t('casework.pdf.date'), value: formatLongDate(issuedOn, lang) },
    ],
    sections: [
      { heading: t('casework.pdf.outcome'), text: t(`track.decision.outcomes.${proposal.outcome}`) },
      { heading: t('casework.pdf.reasons'), text: proposal.reasons },
      { heading: t('casework.pdf.legalBasis'), text: proposal.legal_basis },
      { heading: t('casework.pdf.challenge'), text: challenge?.bodyText ?? t('track.decision.challengeFallback') },
    ],
    verificationHeading: t('casework.pdf.verification'),
    verificationText: t('casework.pdf.verificationText'),
    hash,
    pageLabel: (page, pages) => t('casework.pdf.page', { page: String(page), pages: String(pages) }),
    issuedAt: new Date(),
  };
}

/** Approval: the decision is fixed, hashed, printed to PDF and stored with the case. */
export async function issueDecision(deps: CaseworkDeps, trx: Knex.Transaction, found: CaseFileRow, proposal: DecisionRow, actor: StaffActor, today: string) {
  const canonical = {
    reference: found.reference,
    language: found.language,
    outcome: proposal.outcome,
    issuedOn: today,
    reasons: proposal.reasons,
    legalBasis: proposal.legal_basis,
  };
  const hash = decisionHash(canonical);
  const pdf = await renderDecisionPdf(await decisionDocument(deps, trx, found, proposal, today, hash));
  const file = { bytes: pdf, fileName: `${found.reference}-decision.pdf`, contentType: 'application/pdf' };
  const stored = await storeGeneratedFile(deps.attachments, trx, file, { caseId: found.id, draftToken: null, uploadedBy: 'staff', purpose: 'decision_pdf' });
  await linkFilesToDecision(trx, [stored.id], proposal.id);
  await reviewDecision(trx, proposal.id, { status: 'approved', reviewed_by: actor.id, review_note: null, decision_hash: hash, pdf_sha256: stored.sha256 });
  return { decision: proposal.outcome, decision_text: proposal.reasons, decided_at: trx.fn.now(), hash, pdfSha256: stored.sha256 };
}

/** Files of the case the citizen may see: everything but the files of a decision not (yet) issued. */
export async function citizenFiles(knex: Knex, caseId: number): Promise<AttachmentRow[]> {
  const [files, hidden] = await Promise.all([caseAttachments(knex, caseId), unissuedDecisionFileIds(knex, caseId)]);
  return files.filter((file) => !hidden.has(file.id));
}

export interface CitizenDecision {
  outcome: string;
  issuedAt: Date | null;
  reasons: string;
  legalBasis: string;
  hash: string | null;
  pdf?: AttachmentRow;
  files: AttachmentRow[];
}

/** The decision the citizen was given, with its PDF and the files attached to it. */
export async function citizenDecision(knex: Knex, caseId: number, files: readonly AttachmentRow[]): Promise<CitizenDecision | undefined> {
  const decision = await issuedDecision(knex, caseId);
  if (!decision) return undefined;
  const owners = await decisionFileIds(knex, caseId);
  const own = files.filter((file) => owners.get(file.id)?.decisionId === decision.id);
  return {
    outcome: decision.outcome,
    issuedAt: decision.reviewed_at,
    reasons: decision.reasons,
    legalBasis: decision.legal_basis,
    hash: decision.decision_hash,
    pdf: own.find((file) => owners.get(file.id)?.purpose === 'decision_pdf'),
    files: own.filter((file) => owners.get(file.id)?.purpose !== 'decision_pdf'),
  };
}
