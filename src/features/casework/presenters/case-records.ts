/**
 * What the case page lists (pure): the people in the case, decisions, messages with their files, the files,
 * internal notes, linked cases and the staff timeline — named as the page prints them, keys written out.
 */
import type { CaseFile } from '../case-file.ts';
import { awaitsReview } from '../../cases/workflow.ts';
import { eventLabelKey } from '../timeline.ts';

type CaseFileEntry = NonNullable<CaseFile['files']>[number];
type DecisionRow = NonNullable<CaseFile['decisions']>[number];

function fileLink(file: Pick<CaseFileEntry, 'id' | 'file_name' | 'size_bytes'>) {
  return { id: file.id, name: file.file_name, size: file.size_bytes };
}

export function presentParties(parties: NonNullable<CaseFile['parties']>) {
  return parties.map((party) => ({
    roleKey: `casework.partyRoles.${party.role}`,
    fullName: party.full_name,
    position: party.position,
    email: party.email,
    phone: party.phone,
    postalAddress: party.postal_address,
    identityNotShared: party.identity_may_be_shared === false,
  }));
}

/** The citizen's corrections of their contact details: which detail, when, what it was and what it is now. */
export function presentCorrections(corrections: NonNullable<CaseFile['corrections']>) {
  return corrections.map((correction) => ({
    fieldKey: `casework.corrections.fields.${correction.field}`,
    at: correction.created_at,
    oldValue: correction.old_value,
    newValue: correction.new_value,
  }));
}

function presentDecision(decision: DecisionRow, files: readonly CaseFileEntry[]) {
  return {
    outcomeKey: `casework.decisions.${decision.outcome}`,
    statusKey: `casework.decision.status.${decision.status}`,
    reasons: decision.reasons,
    legalBasis: decision.legal_basis,
    proposer: decision.proposer_name,
    proposedAt: decision.proposed_at,
    proposedBy: decision.proposed_by,
    review: decision.reviewed_at
      ? { key: `casework.decision.reviewed.${decision.status}`, reviewer: decision.reviewer_name, at: decision.reviewed_at }
      : undefined,
    reviewNote: decision.review_note,
    hash: decision.decision_hash,
    files: files.filter((file) => file.decisionId === decision.id).map(fileLink),
  };
}

/** The proposal under review (only while the case waits for it: a citizen may withdraw meanwhile), and the others, newest first. */
export function presentDecisions(file: CaseFile, staffId: number) {
  const files = file.files ?? [];
  const reviewing = awaitsReview(file.case.status);
  const decisions = file.decisions ?? [];
  const proposal = reviewing ? decisions.find((decision) => decision.status === 'proposed') : undefined;
  const past = decisions.filter((decision) => decision !== proposal).reverse();
  return {
    proposal: proposal ? { ...presentDecision(proposal, files), mine: proposal.proposed_by === staffId } : undefined,
    pastDecisions: past.map((decision) => presentDecision(decision, files)),
  };
}

export function presentMessages(file: CaseFile) {
  const files = file.files ?? [];
  return (file.messages ?? []).map((message) => ({
    direction: message.direction,
    toCitizen: message.direction === 'to_citizen',
    createdAt: message.created_at,
    body: message.body,
    files: files.filter((item) => item.message_id === message.id).map(fileLink),
  }));
}

export function presentFiles(file: CaseFile) {
  return (file.files ?? []).map((item) => ({
    ...fileLink(item),
    createdAt: item.created_at,
    uploadedByKey: `casework.uploadedBy.${item.uploaded_by}`,
    original: item.original_file_name ?? undefined,
    metadataRemoved: item.metadata_removed,
    decisionFile: item.decisionId !== undefined,
  }));
}

export function presentNotes(file: CaseFile) {
  return (file.notes ?? []).map((note) => ({ author: note.author, createdAt: note.created_at, body: note.body }));
}

export function presentLinks(file: CaseFile) {
  return file.links.map((link) => ({
    reference: link.reference,
    kindKey: `casework.linkKinds.${link.kind}`,
    statusKey: `casework.statuses.${link.status}`,
    organisation: link.organisation_name,
  }));
}

export function presentTimeline(file: CaseFile) {
  return file.timeline.map((event) => ({
    occurredAt: event.occurred_at,
    labelKey: eventLabelKey(event, 'casework'),
    actor: event.actor_name ?? undefined,
    actorKey: `casework.actors.${event.actor_type}`,
    internal: !event.visible_to_citizen,
    note: typeof event.data.note === 'string' ? event.data.note : undefined,
  }));
}
