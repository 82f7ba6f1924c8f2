/**
 * The citizen's case page as the view prints it: finished translation keys for the type, status, its help and
 * the decision's outcome; the deadline as the citizen should read it; each message with its own files.
 */
import { presentFile, type FileView } from '../../attachments/present.ts';
import type { AttachmentRow } from '../../attachments/service.ts';
import type { CaseSpace } from '../../cases/citizen.ts';
import { isPaused } from '../../cases/workflow.ts';
import { deregistersOf } from '../../intake/deregistration-form.ts';

/** A file shown as a download link with its size. */
interface LinkedFile {
  id: string;
  name: string;
  sizeBytes: number;
}

interface MessageView {
  fromAgency: boolean;
  /** The CSS modifier of the message's side (the Agency's or the citizen's). */
  modifier: 'to_citizen' | 'from_citizen';
  at: Date;
  body: string;
  files: LinkedFile[];
}

interface DecisionView {
  outcomeKey: string;
  issuedAt: Date | null;
  reasons: string;
  legalBasis: string;
  hash: string | null;
  files: LinkedFile[];
  pdf?: { sizeBytes: number };
}

interface CaseView {
  reference: string;
  typeKey: string;
  statusKey: string;
  statusHelpKey: string;
  /** The day the citizen was asked to answer by, while the case waits for them. */
  answerBy?: string;
  organisationName: string;
  receivedAt: Date;
  /** The answer date, for open complaints and breaches (a report is a tip: no date is promised). */
  deadline?: { paused: true } | { paused: false; date: string };
  open: boolean;
  awaitingInformation: boolean;
  decision?: DecisionView;
  timeline: { at: Date; labelKey: string }[];
  messages: MessageView[];
  files: FileView[];
}

function linked(file: AttachmentRow): LinkedFile {
  return { id: file.id, name: file.file_name, sizeBytes: file.size_bytes };
}

function presentDecision(decision: NonNullable<CaseSpace['decision']>): DecisionView {
  return {
    outcomeKey: `track.decision.outcomes.${decision.outcome}`,
    issuedAt: decision.issuedAt,
    reasons: decision.reasons,
    legalBasis: decision.legalBasis,
    hash: decision.hash,
    files: decision.files.map(linked),
    ...(decision.pdf ? { pdf: { sizeBytes: decision.pdf.size_bytes } } : {}),
  };
}

function presentDeadline(space: CaseSpace): CaseView['deadline'] {
  const { case: found } = space;
  if (!space.open || !found.answer_due || found.type === 'report') return undefined;
  return isPaused(found.status) ? { paused: true } : { paused: false, date: found.answer_due };
}

function presentMessages(space: CaseSpace): MessageView[] {
  return space.messages.map((message) => ({
    fromAgency: message.direction === 'to_citizen',
    modifier: message.direction,
    at: message.created_at,
    body: message.body,
    files: space.files.filter((file) => file.message_id === message.id).map(linked),
  }));
}

/** A request to remove a register entry names its type, and the states whose words differ, in its own words. */
const DEREGISTRATION_WORDS = ['in_review', 'registered', 'refused'];

function labelKeys(found: CaseSpace['case'], closedDecided: boolean): Pick<CaseView, 'typeKey' | 'statusKey' | 'statusHelpKey'> {
  if (found.type === 'registration' && deregistersOf(found.answers)) {
    const own = DEREGISTRATION_WORDS.includes(found.status) ? 'track.deregistration' : 'track';
    return { typeKey: 'track.types.deregistration', statusKey: `${own}.statuses.${found.status}`, statusHelpKey: `${own}.statusHelp.${found.status}` };
  }
  return {
    typeKey: `track.types.${found.type}`,
    statusKey: `track.statuses.${found.status}`,
    statusHelpKey: closedDecided ? 'track.statusHelp.closedDecided' : `track.statusHelp.${found.status}`,
  };
}

export function presentCase(space: CaseSpace): CaseView {
  const { case: found } = space;
  // Waiting for the citizen: asked for information, or a register application returned for changes.
  const awaitingInformation = isPaused(found.status);
  // A closed case with a decision says the decision closed it, not why cases close in general.
  const closedDecided = space.decision !== undefined && found.status === 'closed';
  return {
    reference: found.reference,
    ...labelKeys(found, closedDecided),
    ...(awaitingInformation && found.information_due ? { answerBy: found.information_due } : {}),
    organisationName: found.organisation_name,
    receivedAt: found.received_at,
    deadline: presentDeadline(space),
    open: space.open,
    awaitingInformation,
    ...(space.decision ? { decision: presentDecision(space.decision) } : {}),
    timeline: space.timeline.map((event) => ({ at: event.occurred_at, labelKey: event.label })),
    messages: presentMessages(space),
    files: space.files.map(presentFile),
  };
}
