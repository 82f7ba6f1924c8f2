/**
 * Casework rules: what a staff member may see of a case, and each change — transition, decision, message,
 * note, link, assignment, a citizen's reply — in one transaction with its timeline entry, its audit event and
 * the e-mails it causes (to the citizen in the case's language, to staff in theirs; kinds of update only).
 */
import type { Knex } from 'knex';
import createHttpError from 'http-errors';
import type { Config } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { addDays, bishkekToday, formatLongDate } from '../../lib/dates.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { caseAttachment, caseAttachments, type AttachmentRow } from '../attachments/repository.ts';
import { prepareUploads, readAttachment, storeGeneratedFile, storeUploads, UploadQuotaExceeded, type AttachmentDeps, type FileProblem, type PreparedFile, type Upload } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { addMonths, addWorkingDays, workingDaysBetween } from '../cases/deadlines.ts';
import { caseMessages, caseParties, holidaySet, insertEvent, insertMessage, type MessageRow, type PartyRow } from '../cases/repository.ts';
import { quoteContent } from '../content/service.ts';
import { queueCaseUpdate, queueEmail, type CaseUpdate } from '../notifications/service.ts';
import { caseAccess, personalDataScope, type CaseAccess, type StaffRole } from '../staff/permissions.ts';
import { decisionHash, renderDecisionPdf, type DecisionDocument } from './decision-pdf.ts';
import {
  assignCases,
  caseDecisions,
  caseLinks,
  caseNotes,
  decisionFileIds,
  findCaseFile,
  findCaseIdByReference,
  insertDecision,
  insertLink,
  insertNote,
  issuedDecision,
  linkFilesToDecision,
  lockCase,
  proposedDecision,
  queuePage,
  reviewDecision,
  setReplyPending,
  staffContact,
  staffTimeline,
  supervisorContacts,
  unissuedDecisionFileIds,
  updateCase,
  type CaseFileRow,
  type DecisionRow,
  type LinkRow,
  type NoteRow,
  type QueueFilter,
  type StaffContact,
  type TimelineRow,
} from './repository.ts';
import { composeMessage, type MessageTemplate } from './templates.ts';
import { allowedTransitions, checkTransition, FINAL_STATUSES, type CitizenNotice, type Transition, type TransitionProblem } from '../cases/workflow.ts';

/** Where the authority keeps the text on challenging a decision: content it edits (seeds/content/faq). */
export const CHALLENGE_CONTENT = { kind: 'faq', slug: 'challenge-a-decision' } as const;

export interface CaseworkDeps {
  knex: Knex;
  jobs: JobQueue;
  translator: Translator;
  attachments: AttachmentDeps;
  config: Pick<Config, 'deadlines' | 'notifications' | 'authority' | 'publicUrl' | 'uploads'>;
}

export interface StaffActor {
  id: number;
  role: StaffRole;
  requestId: string | null;
  /** A keyed hash of the client address, for the upload quota per address (http/uploads.ts). */
  clientKey?: string;
}

export interface CaseFile {
  case: CaseFileRow;
  access: CaseAccess;
  transitions: Transition[];
  timeline: TimelineRow[];
  links: LinkRow[];
  /** Only with access to personal data. */
  parties?: PartyRow[];
  messages?: MessageRow[];
  files?: (AttachmentRow & { decisionId?: number; purpose: string })[];
  notes?: NoteRow[];
  decisions?: DecisionRow[];
}

export type { FileProblem };

type Locked = CaseFileRow;

async function loadForChange(trx: Knex.Transaction, reference: string, actor: StaffActor): Promise<Locked> {
  const found = await findCaseFile(trx, reference);
  if (!found) throw createHttpError(404);
  const locked = await lockCase(trx, found.id);
  if (!locked) throw createHttpError(404);
  if (!caseAccess(actor, locked.assignee_id).change) throw createHttpError(403);
  return { ...found, status: locked.status, assignee_id: locked.assignee_id };
}

function noticeTemplate(notice: CitizenNotice): CaseUpdate {
  return `case-${notice.replace(/_/g, '-')}` as CaseUpdate;
}

/** An update to the citizen (if they gave an e-mail address), merged with others within the batch window. */
type NotifyDeps = Pick<CaseworkDeps, 'jobs'> & { config: Pick<Config, 'notifications'> };

async function notifyCitizen(deps: NotifyDeps, trx: Knex.Transaction, found: Pick<Locked, 'id' | 'reference' | 'language'>, template: CaseUpdate, params: Record<string, string> = {}): Promise<boolean> {
  const email = (await caseParties(trx, found.id)).find((party) => party.email)?.email;
  if (!email) return false;
  await queueCaseUpdate(trx, deps.jobs, { caseId: found.id, to: email, language: found.language, template, params: { reference: found.reference, ...params } }, deps.config.notifications.batchSeconds);
  return true;
}

async function notifyStaff(deps: NotifyDeps, trx: Knex.Transaction, found: Pick<Locked, 'id' | 'reference'>, contacts: readonly StaffContact[], template: CaseUpdate): Promise<number> {
  for (const contact of contacts) {
    await queueCaseUpdate(trx, deps.jobs, { caseId: found.id, to: contact.email, language: contact.language, template, params: { reference: found.reference } }, deps.config.notifications.batchSeconds);
  }
  return contacts.length;
}

/** The officer of a case, or every supervisor while it has none: who must hear about a citizen's reply. */
async function responsibleStaff(trx: Knex.Transaction, assigneeId: number | null): Promise<StaffContact[]> {
  if (assigneeId === null) return supervisorContacts(trx);
  const officer = await staffContact(trx, assigneeId);
  return officer ? [officer] : supervisorContacts(trx);
}

/** Whether this staff member is the one a new reply waits for (opening the case clears the flag). */
function answersFor(actor: StaffActor, assigneeId: number | null): boolean {
  return assigneeId === null ? actor.role === 'supervisor' : actor.id === assigneeId;
}

/**
 * The answer clock restarting after a pause: the due date moves by the working days paused (the Kyrgyz
 * holiday calendar applies). Shared by the `resume` transition and a citizen's reply.
 */
export async function resumedClock(trx: Knex.Transaction, paused: Pick<Locked, 'paused_date' | 'answer_due' | 'paused_working_days'>, today = bishkekToday()): Promise<{ changes: Record<string, unknown>; pausedDays: number }> {
  const changes: Record<string, unknown> = { paused_at: null, information_due: null };
  if (!paused.paused_date) return { changes, pausedDays: 0 };
  const holidays = await holidaySet(trx, paused.paused_date, addDays(today, 400));
  const pausedDays = workingDaysBetween(paused.paused_date, today, holidays);
  return { changes: { ...changes, answer_due: addWorkingDays(paused.answer_due, pausedDays, holidays), paused_working_days: paused.paused_working_days + pausedDays }, pausedDays };
}

const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{6}$/;

/**
 * One page of the queue. Free text matches what people wrote only on the cases whose personal data this
 * staff member may read (references and organisations always), and each search is recorded — which
 * filters were used, never the words searched for (they may be someone's name).
 */
export async function searchQueue(deps: Pick<CaseworkDeps, 'knex'>, filter: QueueFilter, pageSize: number, actor: StaffActor) {
  const scope = personalDataScope(actor.role);
  const page = await queuePage(deps.knex, { ...filter, searchScope: scope === 'assigned' ? { kind: 'assigned', staffId: actor.id } : { kind: scope } }, pageSize);
  if (filter.q) {
    const { status, type, assignee, sector, language, due, reply, from, to, sort } = filter;
    const filters = Object.fromEntries(Object.entries({ status, type, assignee, sector, language, due, reply, from, to, sort }).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
    const search = REFERENCE.test(filter.q.toUpperCase()) ? 'reference' : 'text';
    await deps.knex.transaction((trx) =>
      record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.queue.searched', entityType: 'queue', requestId: actor.requestId, details: { search, scope, filters, nextPage: filter.after !== undefined, results: page.rows.length } }),
    );
  }
  return page;
}

/** The case as this staff member may see it; a view that shows personal data is recorded. */
export async function openCaseFile(deps: CaseworkDeps, reference: string, actor: StaffActor): Promise<CaseFile> {
  const found = await findCaseFile(deps.knex, reference);
  if (!found) throw createHttpError(404);
  const access = caseAccess(actor, found.assignee_id);
  if (!access.view) throw createHttpError(403);
  const [timeline, links, decisions] = await Promise.all([staffTimeline(deps.knex, found.id), caseLinks(deps.knex, found.id), caseDecisions(deps.knex, found.id)]);
  const proposal = decisions.find((decision) => decision.status === 'proposed');
  const transitions = access.change ? allowedTransitions(found.status, actor.role, { proposedDecision: proposal !== undefined && proposal.proposed_by === actor.id }) : [];
  const file: CaseFile = { case: found, access, timeline, links, transitions };
  if (access.personalData) {
    const [parties, messages, files, notes, decisionFiles] = await Promise.all([caseParties(deps.knex, found.id), caseMessages(deps.knex, found.id), caseAttachments(deps.knex, found.id), caseNotes(deps.knex, found.id), decisionFileIds(deps.knex, found.id)]);
    Object.assign(file, { parties, messages, notes, decisions, files: files.map((row) => ({ ...row, ...(decisionFiles.get(row.id) ? { decisionId: decisionFiles.get(row.id)?.decisionId } : {}) })) });
  }
  await deps.knex.transaction(async (trx) => {
    if (found.reply_pending_at && answersFor(actor, found.assignee_id)) await setReplyPending(trx, found.id, false);
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.viewed', entityType: 'case', entityId: found.reference, requestId: actor.requestId, details: { personalData: access.personalData } });
  });
  return file;
}

export interface TransitionInput {
  reasonCode?: string;
  reasonText?: string;
  referredTo?: string;
  decision?: string;
  decisionText?: string;
  legalBasis?: string;
  message?: string;
  reviewNote?: string;
  note?: string;
}

export type TransitionResult = { ok: true } | { ok: false; problem: TransitionProblem } | { ok: false; problem: 'files'; files: FileProblem[] };

/** Files staff attach, checked like a citizen's before anything is stored; all accepted, or the problems. */
async function inspectStaffFiles(deps: CaseworkDeps, uploads: readonly Upload[]) {
  return prepareUploads(deps.attachments, uploads, { stripMetadata: false, room: deps.config.uploads.maxFiles });
}

/** Stores staff files with the case (its byte quota applies); throws UploadQuotaExceeded, rolling the change back. */
async function saveStaffFiles(deps: CaseworkDeps, trx: Knex.Transaction, caseId: number, files: readonly PreparedFile[], owner: { messageId?: number; purpose: string }, actor: StaffActor): Promise<string[]> {
  const stored = await storeUploads(deps.attachments, trx, files, { caseId, draftToken: null, messageId: owner.messageId ?? null, uploadedBy: 'staff', purpose: owner.purpose }, { quotas: deps.config.uploads.quotas, clientKey: actor.clientKey ?? `staff:${String(actor.id)}` });
  return stored.map((row) => row.id);
}

/** Runs a change that stores staff files; a byte quota it would exceed comes back as a file problem. */
async function withQuota<T>(change: () => Promise<T>): Promise<T | { ok: false; problem: 'files'; files: FileProblem[] }> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof UploadQuotaExceeded) return { ok: false, problem: 'files', files: [error.problem] };
    throw error;
  }
}

/** Everything the decision PDF prints, in the case's language. */
async function decisionDocument(deps: CaseworkDeps, trx: Knex.Transaction, found: Locked, proposal: DecisionRow, issuedOn: string, hash: string): Promise<DecisionDocument> {
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
async function issueDecision(deps: CaseworkDeps, trx: Knex.Transaction, found: Locked, proposal: DecisionRow, actor: StaffActor, today: string) {
  const hash = decisionHash({ reference: found.reference, language: found.language, outcome: proposal.outcome, issuedOn: today, reasons: proposal.reasons, legalBasis: proposal.legal_basis });
  const pdf = await renderDecisionPdf(await decisionDocument(deps, trx, found, proposal, today, hash));
  const stored = await storeGeneratedFile(deps.attachments, trx, { bytes: pdf, fileName: `${found.reference}-decision.pdf`, contentType: 'application/pdf' }, { caseId: found.id, draftToken: null, uploadedBy: 'staff', purpose: 'decision_pdf' });
  await linkFilesToDecision(trx, [stored.id], proposal.id);
  await reviewDecision(trx, proposal.id, { status: 'approved', reviewed_by: actor.id, review_note: null, decision_hash: hash, pdf_sha256: stored.sha256 });
  return { decision: proposal.outcome, decision_text: proposal.reasons, decided_at: trx.fn.now(), hash, pdfSha256: stored.sha256 };
}

/** Moves a case on: the status, its clock, its timeline, the decision, the message and e-mails, the audit event. */
export async function applyTransition(deps: CaseworkDeps, reference: string, transitionId: string, input: TransitionInput, actor: StaffActor, uploads: readonly Upload[] = []): Promise<TransitionResult> {
  const inspected = await inspectStaffFiles(deps, uploads);
  if (inspected.problems.length > 0) return { ok: false, problem: 'files', files: inspected.problems };
  return withQuota(() => deps.knex.transaction(async (trx): Promise<TransitionResult> => {
    const found = await loadForChange(trx, reference, actor);
    const proposal = found.status === 'decision_proposed' ? await proposedDecision(trx, found.id) : undefined;
    const check = checkTransition(transitionId, found.status, actor.role, { proposedDecision: proposal !== undefined && proposal.proposed_by === actor.id });
    if (!check.ok) return check;
    const { transition } = check;
    const files = transition.files ? inspected.accepted : [];
    const today = bishkekToday();
    const changes: Record<string, unknown> = { status: transition.to };
    const details: Record<string, unknown> = {};
    let citizenParams: Record<string, string> = {};
    if (transition.id === 'start_triage') changes.registered_at = trx.fn.now();
    if (transition.clock === 'pause') {
      const holidays = await holidaySet(trx, today, addDays(today, 120));
      const answerBy = addWorkingDays(today, deps.config.deadlines.informationReplyWorkingDays, holidays);
      Object.assign(changes, { paused_at: trx.fn.now(), information_due: answerBy });
      citizenParams = { answerBy };
    }
    if (transition.clock === 'resume') {
      const resumed = await resumedClock(trx, found, today);
      Object.assign(changes, resumed.changes);
      if (resumed.pausedDays) details.pausedDays = resumed.pausedDays;
    }
    if (transition.id === 'reopen') {
      const holidays = await holidaySet(trx, today, addDays(today, 120));
      changes.answer_due = addWorkingDays(today, deps.config.deadlines.answerWorkingDays, holidays);
      changes.closed_at = null;
    }
    if (transition.id === 'declare_inadmissible') changes.reason_code = input.reasonCode;
    if (transition.id === 'refer') changes.referred_to = input.referredTo;
    if (transition.id === 'propose_decision') {
      const decisionId = await insertDecision(trx, { case_id: found.id, outcome: input.decision ?? '', reasons: input.decisionText ?? '', legal_basis: input.legalBasis ?? '', language: found.language, proposed_by: actor.id });
      await linkFilesToDecision(trx, await saveStaffFiles(deps, trx, found.id, files, { purpose: 'decision' }, actor), decisionId);
      Object.assign(details, { decisionId, decision: input.decision, files: files.length });
    }
    if (proposal && transition.id === 'return_decision') {
      await reviewDecision(trx, proposal.id, { status: 'returned', reviewed_by: actor.id, review_note: input.reviewNote ?? '' });
      Object.assign(details, { decisionId: proposal.id, proposedBy: proposal.proposed_by });
    }
    if (proposal && transition.id === 'approve_decision') {
      const issued = await issueDecision(deps, trx, found, proposal, actor, today);
      Object.assign(changes, { decision: issued.decision, decision_text: issued.decision_text, decided_at: issued.decided_at });
      Object.assign(details, { decisionId: proposal.id, decision: proposal.outcome, proposedBy: proposal.proposed_by, decisionHash: issued.hash, pdfSha256: issued.pdfSha256 });
    }
    if ((FINAL_STATUSES as readonly string[]).includes(transition.to)) changes.closed_at = trx.fn.now();
    // Progress information is due three months after the last thing the citizen was told.
    if (!transition.internal) changes.progress_due = transition.to === 'decided' || (FINAL_STATUSES as readonly string[]).includes(transition.to) ? null : addMonths(today, 3);
    await updateCase(trx, found.id, changes);
    // Whoever acts on the case has seen the citizen's latest reply.
    if (found.reply_pending_at) await setReplyPending(trx, found.id, false);

    const toCitizen = input.message ?? input.reasonText;
    if (toCitizen) {
      const messageId = await insertMessage(trx, { case_id: found.id, direction: 'to_citizen', author_staff_id: String(actor.id), body: toCitizen });
      if (transition.id === 'request_information') {
        await saveStaffFiles(deps, trx, found.id, files, { messageId, purpose: 'message' }, actor);
        details.files = files.length;
      }
    }
    if (input.note) await insertNote(trx, found.id, actor.id, input.note);
    const codes = { transition: transition.id, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}), ...(input.referredTo ? { referredTo: input.referredTo } : {}) };
    const eventData = { ...codes, ...details, ...(transition.id === 'return_decision' ? { note: input.reviewNote } : {}) };
    await insertEvent(trx, { case_id: found.id, kind: 'status_changed', from_status: found.status, to_status: transition.to, visible_to_citizen: !transition.internal, actor_type: 'staff', actor_id: String(actor.id), data: eventData });
    const notified = transition.notice ? await notifyCitizen(deps, trx, found, noticeTemplate(transition.notice), citizenParams) : false;
    if (transition.id === 'propose_decision') await notifyStaff(deps, trx, found, await supervisorContacts(trx, actor.id), 'staff-decision-proposed');
    if (proposal && proposal.proposed_by !== null && proposal.proposed_by !== actor.id && (transition.id === 'return_decision' || transition.id === 'approve_decision')) {
      const proposer = await staffContact(trx, proposal.proposed_by);
      await notifyStaff(deps, trx, found, proposer ? [proposer] : [], transition.id === 'approve_decision' ? 'staff-decision-approved' : 'staff-decision-returned');
    }
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.status.changed', entityType: 'case', entityId: found.reference, requestId: actor.requestId, details: { from: found.status, to: transition.to, ...codes, ...details, notified } });
    return { ok: true };
  }));
}

/** A message to the citizen (a standard text in the case's language, the officer's own text, or both), with files. */
export async function sendStaffMessage(deps: CaseworkDeps, reference: string, template: MessageTemplate | undefined, body: string, actor: StaffActor, uploads: readonly Upload[] = []): Promise<{ ok: true } | { ok: false; files: FileProblem[] }> {
  const inspected = await inspectStaffFiles(deps, uploads);
  if (inspected.problems.length > 0) return { ok: false, files: inspected.problems };
  const result = await withQuota(() => deps.knex.transaction(async (trx) => {
    const found = await loadForChange(trx, reference, actor);
    const text = composeMessage(deps.translator, found.language, template, body, { reference: found.reference, answerDue: found.answer_due });
    const messageId = await insertMessage(trx, { case_id: found.id, direction: 'to_citizen', author_staff_id: String(actor.id), body: text });
    if (template) await trx('messages').where({ id: messageId }).update({ template });
    await saveStaffFiles(deps, trx, found.id, inspected.accepted, { messageId, purpose: 'message' }, actor);
    if (!(FINAL_STATUSES as readonly string[]).includes(found.status) && found.status !== 'decided') await updateCase(trx, found.id, { progress_due: addMonths(bishkekToday(), 3) });
    if (found.reply_pending_at) await setReplyPending(trx, found.id, false);
    await insertEvent(trx, { case_id: found.id, kind: 'message_to_citizen', from_status: null, to_status: null, visible_to_citizen: true, actor_type: 'staff', actor_id: String(actor.id), data: { template: template ?? null, files: inspected.accepted.length } });
    const notified = await notifyCitizen(deps, trx, found, 'case-message');
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'message.sent', entityType: 'case', entityId: found.reference, requestId: actor.requestId, details: { template: template ?? null, files: inspected.accepted.length, notified } });
    return { ok: true as const };
  }));
  return 'files' in result ? { ok: false, files: result.files } : result;
}

/**
 * A citizen wrote (a message and/or files), inside the transaction that stored it. A case waiting for
 * information goes back under examination with its clock restarted from today; the reply is flagged for
 * the officer (or the supervisors, while nobody is assigned), who are told by e-mail.
 */
export async function recordCitizenReply(deps: NotifyDeps, trx: Knex.Transaction, reference: string, requestId: string | null): Promise<{ resumed: boolean }> {
  const found = await findCaseFile(trx, reference);
  if (!found) throw new Error('case vanished');
  const locked = await lockCase(trx, found.id);
  const status = locked?.status ?? found.status;
  const resumed = status === 'awaiting_information';
  if (resumed) {
    const clock = await resumedClock(trx, found);
    await updateCase(trx, found.id, { ...clock.changes, status: 'investigation' });
    const data = { transition: 'resume', trigger: 'citizen_reply', ...(clock.pausedDays ? { pausedDays: clock.pausedDays } : {}) };
    await insertEvent(trx, { case_id: found.id, kind: 'status_changed', from_status: status, to_status: 'investigation', visible_to_citizen: true, actor_type: 'citizen', actor_id: null, data });
    await record(trx, { actorType: 'citizen', actorId: found.id, action: 'case.status.changed', entityType: 'case', entityId: found.reference, requestId, details: { from: status, to: 'investigation', ...data } });
  }
  await setReplyPending(trx, found.id, true);
  await notifyStaff(deps, trx, found, await responsibleStaff(trx, locked?.assignee_id ?? found.assignee_id), resumed ? 'staff-reply' : 'staff-citizen-message');
  return { resumed };
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

/** An internal note: on the staff timeline only, never shown to the citizen. */
export async function addNote(deps: CaseworkDeps, reference: string, body: string, actor: StaffActor): Promise<void> {
  await deps.knex.transaction(async (trx) => {
    const found = await loadForChange(trx, reference, actor);
    await insertNote(trx, found.id, actor.id, body);
    await insertEvent(trx, { case_id: found.id, kind: 'note_added', from_status: null, to_status: null, visible_to_citizen: false, actor_type: 'staff', actor_id: String(actor.id), data: {} });
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.note.added', entityType: 'case', entityId: found.reference, requestId: actor.requestId });
  });
}

export type LinkResult = 'linked' | 'already' | 'notFound' | 'self';

export async function linkCases(deps: CaseworkDeps, reference: string, linkedReference: string, kind: 'duplicate' | 'related', actor: StaffActor): Promise<LinkResult> {
  return deps.knex.transaction(async (trx) => {
    const found = await loadForChange(trx, reference, actor);
    const otherId = await findCaseIdByReference(trx, linkedReference);
    if (otherId === undefined) return 'notFound';
    if (otherId === found.id) return 'self';
    const [first, second] = found.id < otherId ? [found.id, otherId] : [otherId, found.id];
    if (!(await insertLink(trx, first, second, kind, actor.id))) return 'already';
    await insertEvent(trx, { case_id: found.id, kind: 'case_linked', from_status: null, to_status: null, visible_to_citizen: false, actor_type: 'staff', actor_id: String(actor.id), data: { linked: linkedReference, linkKind: kind } });
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.linked', entityType: 'case', entityId: found.reference, requestId: actor.requestId, details: { linked: linkedReference, kind } });
    return 'linked';
  });
}

/**
 * Gives cases to an officer (or to nobody). Supervisors assign any case; a case officer may only take an
 * unassigned case for themself. The new assignee is told by e-mail in their language — references only.
 */
export async function assign(deps: CaseworkDeps, caseIds: number[], assigneeId: number | null, actor: StaffActor): Promise<number> {
  return deps.knex.transaction(async (trx) => {
    if (actor.role !== 'supervisor') {
      const claimable = await trx('cases').whereIn('id', caseIds).whereNull('assignee_id').forUpdate().pluck<number[]>('id');
      if (assigneeId !== actor.id || claimable.length !== caseIds.length) throw createHttpError(403);
    }
    if (assigneeId !== null) {
      const assignee = await trx('staff_users').where({ id: assigneeId }).whereIn('role', ['supervisor', 'case_officer']).whereNull('disabled_at').first<{ id: number } | undefined>();
      if (!assignee) throw createHttpError(400);
    }
    const updated = await assignCases(trx, caseIds, assigneeId);
    for (const row of updated) {
      await insertEvent(trx, { case_id: row.id, kind: 'assigned', from_status: null, to_status: null, visible_to_citizen: false, actor_type: 'staff', actor_id: String(actor.id), data: { assignee: assigneeId } });
    }
    const assignee = assigneeId !== null && assigneeId !== actor.id ? await staffContact(trx, assigneeId) : undefined;
    const [only] = updated;
    if (assignee && only && updated.length === 1) await notifyStaff(deps, trx, only, [assignee], 'staff-assigned');
    if (assignee && updated.length > 1) await queueAssignedMany(deps, trx, assignee, updated.map((row) => row.reference));
    if (updated.length > 0) {
      await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.assigned', entityType: 'case', entityId: updated.length === 1 ? updated[0]?.reference ?? null : null, requestId: actor.requestId, details: { assignee: assigneeId, cases: updated.map((row) => row.reference), notified: Boolean(assignee) } });
    }
    return updated.length;
  });
}

/** Several cases at once: one e-mail listing their references, sent at once (not merged per case). */
async function queueAssignedMany(deps: CaseworkDeps, trx: Knex.Transaction, assignee: StaffContact, references: string[]): Promise<void> {
  await queueEmail(trx, deps.jobs, { caseId: null, to: assignee.email, language: assignee.language, template: 'staff-assigned-many', params: { count: String(references.length), cases: references.join('\n'), link: `${deps.config.publicUrl}/staff/cases?assignee=me` } });
}

/** A file of the case (or the original of a converted photo), for someone allowed to see the case's personal data; the download is recorded. */
export async function downloadFile(deps: CaseworkDeps, reference: string, fileId: string, actor: StaffActor, variant: 'file' | 'original' = 'file'): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const found = await findCaseFile(deps.knex, reference);
  if (!found) throw createHttpError(404);
  if (!caseAccess(actor, found.assignee_id).personalData) throw createHttpError(403);
  const file = await caseAttachment(deps.knex, found.id, fileId);
  const content = file ? await readAttachment(deps.attachments.storage, deps.knex, file, variant) : undefined;
  if (!file || !content) throw createHttpError(404);
  await deps.knex.transaction((trx) =>
    record(trx, { actorType: 'staff', actorId: actor.id, action: 'attachment.downloaded', entityType: 'attachment', entityId: file.id, requestId: actor.requestId, details: { case: found.reference, ...(variant === 'original' ? { variant } : {}) } }),
  );
  return content;
}

export async function assignByReference(deps: CaseworkDeps, reference: string, assigneeId: number | null, actor: StaffActor): Promise<void> {
  const caseId = await findCaseIdByReference(deps.knex, reference);
  if (caseId === undefined) throw createHttpError(404);
  await assign(deps, [caseId], assigneeId, actor);
}
