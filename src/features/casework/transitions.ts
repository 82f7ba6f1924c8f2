/**
 * Moving a case on (workflow.ts decides whether a transition is allowed and what it needs): the status and
 * its clock, the decision, the message to the citizen, the timeline entry, the e-mails and the audit event,
 * in one transaction. What a transition does follows from its row in the workflow table.
 */
import type { Knex } from 'knex';
import { bishkekToday } from '../../lib/dates.ts';
import type { FileProblem, PreparedFile, Upload } from '../attachments/service.ts';
import { record } from '../audit/service.ts';
import { addMonths } from '../cases/deadlines.ts';
import { awaitsReview, checkTransition, FINAL_STATUSES, isOpenStatus, type Requirement, type Transition, type TransitionProblem } from '../cases/workflow.ts';
import { loadForChange } from './case-file.ts';
import { setReplyPending, updateCase, type CaseFileRow } from './case-repository.ts';
import { resumedClock, workingDaysFromToday } from './clock.ts';
import { issueDecision } from './decisions.ts';
import { insertDecision, linkFilesToDecision, proposedDecision, reviewDecision, type DecisionRow } from './decisions-repository.ts';
import { caseParties, insertEvent, insertMessage } from '../cases/service.ts';
import { deregistersOf, deregistrationDate } from '../intake/deregistration-form.ts';
import { amendsOf, entryFromApplication } from '../intake/registration-case.ts';
import { amendRegistration, ceaseRegistration, publishRegistration } from '../register/service.ts';
import { insertNote } from './events-repository.ts';
import { contactOf, noticeTemplate, notifyCitizen, notifyStaff, supervisorContacts } from './notify.ts';
import type { CaseworkDeps, StaffActor } from './service.ts';
import { inspectStaffFiles, saveStaffFiles, withQuota } from './staff-files.ts';

/** The transition's required fields, and an optional internal note on a transition that requires nothing. */
export type TransitionInput = Partial<Record<Requirement, string>> & { note?: string };

export type TransitionResult = { ok: true } | { ok: false; problem: TransitionProblem } | { ok: false; problem: 'files'; files: FileProblem[] };

/** Coded requirements kept on the case itself (statistics count them). */
const STORED: Partial<Record<Requirement, string>> = { reasonCode: 'reason_code', referredTo: 'referred_to' };
/** Requirements written to the citizen: they become a message on the case. */
const TO_CITIZEN: readonly Requirement[] = ['message', 'reasonText'];

interface Step {
  deps: CaseworkDeps;
  trx: Knex.Transaction;
  found: CaseFileRow;
  proposal: DecisionRow | undefined;
  transition: Transition;
  input: TransitionInput;
  actor: StaffActor;
  files: readonly PreparedFile[];
  today: string;
}

interface Outcome {
  changes: Record<string, unknown>;
  details: Record<string, unknown>;
  citizenParams: Record<string, string>;
}

const isFinal = (status: string) => (FINAL_STATUSES as readonly string[]).includes(status);

async function clockChanges(step: Step, outcome: Outcome): Promise<void> {
  const { trx, transition, today, deps } = step;
  if (transition.clock === 'pause') {
    const answerBy = await workingDaysFromToday(trx, today, deps.config.deadlines.informationReplyWorkingDays);
    Object.assign(outcome.changes, { paused_at: trx.fn.now(), information_due: answerBy });
    outcome.citizenParams = { answerBy };
  }
  if (transition.clock === 'resume') {
    const resumed = await resumedClock(trx, step.found, today);
    Object.assign(outcome.changes, resumed.changes);
    if (resumed.pausedDays) outcome.details.pausedDays = resumed.pausedDays;
  }
  if (transition.clock === 'restart') {
    Object.assign(outcome.changes, { answer_due: await workingDaysFromToday(trx, today, deps.config.deadlines.answerWorkingDays), closed_at: null });
  }
}

async function decisionChanges(step: Step, outcome: Outcome): Promise<void> {
  const { deps, trx, found, proposal, transition, input, actor } = step;
  if (transition.decision === 'propose') {
    const row = {
      case_id: found.id,
      outcome: input.decision ?? '',
      reasons: input.decisionText ?? '',
      legal_basis: input.legalBasis ?? '',
      language: found.language,
      proposed_by: actor.id,
    };
    const decisionId = await insertDecision(trx, row);
    await linkFilesToDecision(trx, await saveStaffFiles(deps, trx, found.id, step.files, { purpose: 'decision' }, actor), decisionId);
    Object.assign(outcome.details, { decisionId, decision: input.decision, files: step.files.length });
  }
  if (proposal && transition.decision === 'return') {
    await reviewDecision(trx, proposal.id, { status: 'returned', reviewed_by: actor.id, review_note: input.reviewNote ?? '' });
    Object.assign(outcome.details, { decisionId: proposal.id, proposedBy: proposal.proposed_by });
  }
  if (proposal && transition.decision === 'approve') {
    const issued = await issueDecision(deps, trx, found, proposal, actor, step.today);
    Object.assign(outcome.changes, { decision: issued.decision, decision_text: issued.decision_text, decided_at: issued.decided_at });
    const proposer = proposal.proposed_by;
    Object.assign(outcome.details, {
      decisionId: proposal.id,
      decision: proposal.outcome,
      proposedBy: proposer,
      decisionHash: issued.hash,
      pdfSha256: issued.pdfSha256,
    });
  }
}

/**
 * A register application approved: its entry published (or, for an ИНН already registered, its arrays added to
 * that entry); an amendment its holder started from their entry replaces that entry's details and arrays; a
 * request to remove the entry marks it ceased on the day the holder says processing stopped.
 */
async function publishApplication({ trx, found, actor, today }: Step): Promise<{ id: number; registrationNumber: string }> {
  const by = { staffId: String(actor.id), requestId: actor.requestId };
  const deregisters = deregistersOf(found.answers);
  if (deregisters) return ceaseRegistration(trx, deregisters.organisationId, deregistrationDate(found.answers) ?? today, by);
  const contact = (await caseParties(trx, found.id))[0];
  const entry = entryFromApplication(found, contact);
  const amends = amendsOf(found.answers);
  return amends ? amendRegistration(trx, amends.organisationId, entry, by) : publishRegistration(trx, entry, by, today);
}

/** The case's new status and everything that changes with it. */
async function caseChanges(step: Step): Promise<Outcome> {
  const { trx, transition, input, today } = step;
  const outcome: Outcome = { changes: { status: transition.to }, details: {}, citizenParams: {} };
  if (transition.registers) outcome.changes.registered_at = trx.fn.now();
  await clockChanges(step, outcome);
  for (const requirement of transition.requires) {
    const column = STORED[requirement];
    if (column) outcome.changes[column] = input[requirement];
  }
  await decisionChanges(step, outcome);
  if (transition.publishes) {
    const published = await publishApplication(step);
    outcome.changes.organisation_id = published.id;
    outcome.details.registrationNumber = published.registrationNumber;
    if (deregistersOf(step.found.answers)) outcome.details.deregistered = true;
  }
  if (isFinal(transition.to)) outcome.changes.closed_at = trx.fn.now();
  // Progress information is due three months after the last thing the citizen was told, while the case is open.
  if (!transition.internal) outcome.changes.progress_due = isOpenStatus(transition.to) ? addMonths(today, 3) : null;
  return outcome;
}

/** What the transition says to the citizen (with the files, unless they belong to a decision), and an internal note. */
async function writeMessages(step: Step, details: Record<string, unknown>): Promise<void> {
  const { deps, trx, found, transition, input, actor } = step;
  const toCitizen = TO_CITIZEN.map((requirement) => input[requirement]).find(Boolean);
  if (toCitizen) {
    const messageId = await insertMessage(trx, { case_id: found.id, direction: 'to_citizen', author_staff_id: String(actor.id), body: toCitizen });
    if (transition.files && !transition.decision) {
      await saveStaffFiles(deps, trx, found.id, step.files, { messageId, purpose: 'message' }, actor);
      details.files = step.files.length;
    }
  }
  if (input.note) await insertNote(trx, found.id, actor.id, input.note);
}

/** The citizen's e-mail, and the staff who must act: supervisors on a proposal, its author on its review. */
async function notifyOfTransition(step: Step, citizenParams: Record<string, string>): Promise<boolean> {
  const { deps, trx, found, transition, proposal, actor } = step;
  // Approving a request to remove an entry tells the holder the entry is marked ceased, not that it was registered.
  const notice = transition.publishes && deregistersOf(found.answers) ? 'entry_ceased' : transition.notice;
  const notified = notice ? await notifyCitizen(deps, trx, found, noticeTemplate(notice), citizenParams) : false;
  if (transition.decision === 'propose') await notifyStaff(deps, trx, found, await supervisorContacts(trx, actor.id), 'staff-decision-proposed');
  const reviewed = transition.decision === 'return' || transition.decision === 'approve';
  if (proposal && reviewed && proposal.proposed_by !== null && proposal.proposed_by !== actor.id) {
    const template = transition.decision === 'approve' ? 'staff-decision-approved' : 'staff-decision-returned';
    await notifyStaff(deps, trx, found, await contactOf(trx, proposal.proposed_by), template);
  }
  return notified;
}

async function transitionCase(step: Step): Promise<void> {
  const { trx, found, transition, input, actor } = step;
  const { changes, details, citizenParams } = await caseChanges(step);
  await updateCase(trx, found.id, changes);
  // Whoever acts on the case has seen the citizen's latest reply.
  if (found.reply_pending_at) await setReplyPending(trx, found.id, false);
  await writeMessages(step, details);
  const codes = {
    transition: transition.id,
    ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
    ...(input.referredTo ? { referredTo: input.referredTo } : {}),
  };
  const data = { ...codes, ...details, ...(transition.decision === 'return' ? { note: input.reviewNote } : {}) };
  const event = { case_id: found.id, kind: 'status_changed', from_status: found.status, to_status: transition.to, visible_to_citizen: !transition.internal };
  await insertEvent(trx, { ...event, actor_type: 'staff', actor_id: String(actor.id), data });
  const notified = await notifyOfTransition(step, citizenParams);
  const audit = { from: found.status, to: transition.to, ...codes, ...details, notified };
  await record(trx, {
    actorType: 'staff',
    actorId: actor.id,
    action: 'case.status.changed',
    entityType: 'case',
    entityId: found.reference,
    requestId: actor.requestId,
    details: audit,
  });
}

/** Moves a case on: the status, its clock, its timeline, the decision, the message and e-mails, the audit event. */
export async function applyTransition(
  deps: CaseworkDeps,
  reference: string,
  transitionId: string,
  input: TransitionInput,
  actor: StaffActor,
  uploads: readonly Upload[] = [],
): Promise<TransitionResult> {
  const inspected = await inspectStaffFiles(deps, uploads);
  if (inspected.problems.length > 0) return { ok: false, problem: 'files', files: inspected.problems };
  return withQuota(() =>
    deps.knex.transaction(async (trx): Promise<TransitionResult> => {
      const found = await loadForChange(trx, reference, actor);
      const proposal = awaitsReview(found.status) ? await proposedDecision(trx, found.id) : undefined;
      const check = checkTransition(transitionId, found.status, actor.role, {
        proposedDecision: proposal !== undefined && proposal.proposed_by === actor.id,
        caseType: found.type,
      });
      if (!check.ok) return check;
      const files = check.transition.files ? inspected.accepted : [];
      await transitionCase({ deps, trx, found, proposal, transition: check.transition, input, actor, files, today: bishkekToday() });
      return { ok: true };
    }),
  );
}
