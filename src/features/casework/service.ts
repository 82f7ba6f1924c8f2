/**
 * Casework rules: what a staff member may see of a case, and each change — transition, message, note, link,
 * assignment — in one transaction with its timeline entry, its audit event and, where the citizen should
 * know, an outbox e-mail in the case's language.
 */
import type { Knex } from 'knex';
import createHttpError from 'http-errors';
import type { Config } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { addDays, bishkekToday } from '../../http/dates.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { caseAttachment, caseAttachments, type AttachmentRow, type BlobStorage } from '../attachments/repository.ts';
import { readAttachment } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { addMonths, addWorkingDays, workingDaysBetween } from '../cases/deadlines.ts';
import { caseMessages, caseParties, holidaySet, insertEvent, insertMessage, type MessageRow, type PartyRow } from '../cases/repository.ts';
import { queueEmail, type EmailTemplate } from '../notifications/service.ts';
import { caseAccess, type CaseAccess, type StaffRole } from '../staff/permissions.ts';
import {
  assignCases,
  caseLinks,
  caseNotes,
  findCaseFile,
  findCaseIdByReference,
  insertLink,
  insertNote,
  lockCase,
  staffTimeline,
  updateCase,
  type CaseFileRow,
  type LinkRow,
  type NoteRow,
  type TimelineRow,
} from './repository.ts';
import { composeMessage, type MessageTemplate } from './templates.ts';
import { allowedTransitions, checkTransition, FINAL_STATUSES, type Transition } from './workflow.ts';

export interface CaseworkDeps {
  knex: Knex;
  jobs: JobQueue;
  translator: Translator;
  storage: BlobStorage;
  config: Pick<Config, 'deadlines'>;
}

export interface StaffActor {
  id: number;
  role: StaffRole;
  requestId: string | null;
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
  files?: AttachmentRow[];
  notes?: NoteRow[];
}

async function loadForChange(deps: CaseworkDeps, trx: Knex.Transaction, reference: string, actor: StaffActor) {
  const found = await findCaseFile(trx, reference);
  if (!found) throw createHttpError(404);
  const locked = await lockCase(trx, found.id);
  if (!locked) throw createHttpError(404);
  if (!caseAccess(actor, locked.assignee_id).change) throw createHttpError(403);
  return { ...found, status: locked.status, assignee_id: locked.assignee_id };
}

async function citizenEmail(trx: Knex.Transaction, caseId: number): Promise<string | undefined> {
  return (await caseParties(trx, caseId)).find((party) => party.email)?.email ?? undefined;
}

async function notifyCitizen(deps: CaseworkDeps, trx: Knex.Transaction, found: { id: number; reference: string; language: CaseFileRow['language'] }, template: EmailTemplate): Promise<boolean> {
  const email = await citizenEmail(trx, found.id);
  if (!email) return false;
  await queueEmail(trx, deps.jobs, { caseId: found.id, to: email, language: found.language, template, params: { reference: found.reference } });
  return true;
}

/** The case as this staff member may see it; a view that shows personal data is recorded. */
export async function openCaseFile(deps: CaseworkDeps, reference: string, actor: StaffActor): Promise<CaseFile> {
  const found = await findCaseFile(deps.knex, reference);
  if (!found) throw createHttpError(404);
  const access = caseAccess(actor, found.assignee_id);
  if (!access.view) throw createHttpError(403);
  const [timeline, links] = await Promise.all([staffTimeline(deps.knex, found.id), caseLinks(deps.knex, found.id)]);
  const file: CaseFile = { case: found, access, timeline, links, transitions: access.change ? allowedTransitions(found.status, actor.role) : [] };
  if (access.personalData) {
    [file.parties, file.messages, file.files, file.notes] = await Promise.all([caseParties(deps.knex, found.id), caseMessages(deps.knex, found.id), caseAttachments(deps.knex, found.id), caseNotes(deps.knex, found.id)]);
  }
  await deps.knex.transaction((trx) =>
    record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.viewed', entityType: 'case', entityId: found.reference, requestId: actor.requestId, details: { personalData: access.personalData } }),
  );
  return file;
}

export interface TransitionInput {
  reasonCode?: string;
  reasonText?: string;
  referredTo?: string;
  decision?: string;
  decisionText?: string;
  message?: string;
  note?: string;
}

export type TransitionResult = { ok: true } | { ok: false; problem: 'unknown' | 'wrong_state' | 'forbidden' };

/** Moves a case on: the status, its clock, its timeline, the message and e-mail to the citizen, the audit event. */
export async function applyTransition(deps: CaseworkDeps, reference: string, transitionId: string, input: TransitionInput, actor: StaffActor): Promise<TransitionResult> {
  return deps.knex.transaction(async (trx) => {
    const found = await loadForChange(deps, trx, reference, actor);
    const check = checkTransition(transitionId, found.status, actor.role);
    if (!check.ok) return check;
    const { transition } = check;
    const today = bishkekToday();
    const changes: Record<string, unknown> = { status: transition.to };
    if (transition.id === 'start_triage') changes.registered_at = trx.fn.now();
    if (transition.clock === 'pause') changes.paused_at = trx.fn.now();
    let pausedDays = 0;
    if (transition.clock === 'resume' && found.paused_date) {
      const holidays = await holidaySet(trx, found.paused_date, addDays(today, 400));
      pausedDays = workingDaysBetween(found.paused_date, today, holidays);
      changes.answer_due = addWorkingDays(found.answer_due, pausedDays, holidays);
      changes.paused_working_days = found.paused_working_days + pausedDays;
      changes.paused_at = null;
    }
    if (transition.id === 'reopen') {
      const holidays = await holidaySet(trx, today, addDays(today, 120));
      changes.answer_due = addWorkingDays(today, deps.config.deadlines.answerWorkingDays, holidays);
      changes.closed_at = null;
    }
    if (transition.id === 'decide') Object.assign(changes, { decision: input.decision, decision_text: input.decisionText, decided_at: trx.fn.now() });
    if (transition.id === 'declare_inadmissible') changes.reason_code = input.reasonCode;
    if (transition.id === 'refer') changes.referred_to = input.referredTo;
    if ((FINAL_STATUSES as readonly string[]).includes(transition.to)) changes.closed_at = trx.fn.now();
    // Progress information is due three months after the last thing the citizen was told.
    changes.progress_due = transition.to === 'decided' || (FINAL_STATUSES as readonly string[]).includes(transition.to) ? null : addMonths(today, 3);
    await updateCase(trx, found.id, changes);

    const toCitizen = input.message ?? input.decisionText ?? input.reasonText;
    if (toCitizen) await insertMessage(trx, { case_id: found.id, direction: 'to_citizen', author_staff_id: String(actor.id), body: toCitizen });
    if (input.note) await insertNote(trx, found.id, actor.id, input.note);
    const codes = { transition: transition.id, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}), ...(input.referredTo ? { referredTo: input.referredTo } : {}), ...(input.decision ? { decision: input.decision } : {}) };
    await insertEvent(trx, { case_id: found.id, kind: 'status_changed', from_status: found.status, to_status: transition.to, visible_to_citizen: true, actor_type: 'staff', actor_id: String(actor.id), data: { ...codes, ...(pausedDays ? { pausedDays } : {}) } });
    const notified = await notifyCitizen(deps, trx, found, 'case-updated');
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.status.changed', entityType: 'case', entityId: found.reference, requestId: actor.requestId, details: { from: found.status, to: transition.to, ...codes, notified } });
    return { ok: true };
  });
}

/** A message to the citizen (a standard text in the case's language, the officer's own text, or both). */
export async function sendStaffMessage(deps: CaseworkDeps, reference: string, template: MessageTemplate | undefined, body: string, actor: StaffActor): Promise<void> {
  await deps.knex.transaction(async (trx) => {
    const found = await loadForChange(deps, trx, reference, actor);
    const text = composeMessage(deps.translator, found.language, template, body, { reference: found.reference, answerDue: found.answer_due });
    const messageId = await insertMessage(trx, { case_id: found.id, direction: 'to_citizen', author_staff_id: String(actor.id), body: text });
    if (template) await trx('messages').where({ id: messageId }).update({ template });
    if (!(FINAL_STATUSES as readonly string[]).includes(found.status) && found.status !== 'decided') await updateCase(trx, found.id, { progress_due: addMonths(bishkekToday(), 3) });
    await insertEvent(trx, { case_id: found.id, kind: 'message_to_citizen', from_status: null, to_status: null, visible_to_citizen: true, actor_type: 'staff', actor_id: String(actor.id), data: { template: template ?? null } });
    const notified = await notifyCitizen(deps, trx, found, 'case-message');
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'message.sent', entityType: 'case', entityId: found.reference, requestId: actor.requestId, details: { template: template ?? null, notified } });
  });
}

/** An internal note: on the staff timeline only, never shown to the citizen. */
export async function addNote(deps: CaseworkDeps, reference: string, body: string, actor: StaffActor): Promise<void> {
  await deps.knex.transaction(async (trx) => {
    const found = await loadForChange(deps, trx, reference, actor);
    await insertNote(trx, found.id, actor.id, body);
    await insertEvent(trx, { case_id: found.id, kind: 'note_added', from_status: null, to_status: null, visible_to_citizen: false, actor_type: 'staff', actor_id: String(actor.id), data: {} });
    await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.note.added', entityType: 'case', entityId: found.reference, requestId: actor.requestId });
  });
}

export type LinkResult = 'linked' | 'already' | 'notFound' | 'self';

export async function linkCases(deps: CaseworkDeps, reference: string, linkedReference: string, kind: 'duplicate' | 'related', actor: StaffActor): Promise<LinkResult> {
  return deps.knex.transaction(async (trx) => {
    const found = await loadForChange(deps, trx, reference, actor);
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
 * unassigned case for themself.
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
    if (updated.length > 0) {
      await record(trx, { actorType: 'staff', actorId: actor.id, action: 'case.assigned', entityType: 'case', entityId: updated.length === 1 ? updated[0]?.reference ?? null : null, requestId: actor.requestId, details: { assignee: assigneeId, cases: updated.map((row) => row.reference) } });
    }
    return updated.length;
  });
}

/** A file of the case (or the original of a converted photo), for someone allowed to see the case's personal data; the download is recorded. */
export async function downloadFile(deps: CaseworkDeps, reference: string, fileId: string, actor: StaffActor, variant: 'file' | 'original' = 'file'): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const found = await findCaseFile(deps.knex, reference);
  if (!found) throw createHttpError(404);
  if (!caseAccess(actor, found.assignee_id).personalData) throw createHttpError(403);
  const file = await caseAttachment(deps.knex, found.id, fileId);
  const content = file ? await readAttachment(deps.storage, deps.knex, file, variant) : undefined;
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
