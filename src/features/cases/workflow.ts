/* eslint-disable max-lines -- the workflow is one table and the functions that read it: states, transitions and what follows from them are reviewed together (the register application's rows are in registration-workflow.ts). */
/**
 * The case workflow (DESIGN §5) as data plus pure functions: which transitions exist, from which states,
 * who may make them, what each one requires and what it tells the citizen. Services apply a transition in
 * one transaction; this module only decides whether it is allowed and what it needs.
 *
 * A decision takes two people: an officer (or supervisor) proposes it, and another supervisor approves it —
 * which issues it to the citizen and closes the case — or returns it with a note.
 *
 * Applications to the register of personal-data holders (case type `registration`) have their own way:
 * submitted → in review → registered | returned for changes (the holder answers, and review goes on) | refused.
 * Registering publishes the entry; for a holder's request to remove their entry (a registration case marked
 * `deregisters`) it marks the entry ceased, and the e-mail and timeline say so. A transition names the case
 * types it serves; without a name it serves the appeals (complaints, reports, breach notifications).
 */
import { CASEWORKER_ROLES, type StaffRole } from '../staff/permissions.ts';
import { REGISTRATION_TRANSITIONS } from './registration-workflow.ts';
import type { CaseType } from './types.ts';

/** `decided` is kept for cases decided before decisions needed approval: they are closed with `close`. */
export const STATUSES = [
  'submitted',
  'triage',
  'accepted',
  'investigation',
  'awaiting_information',
  'decision_proposed',
  'decided',
  'closed',
  'inadmissible',
  'referred',
  'withdrawn',
  'reopened',
  'in_review',
  'returned',
  'registered',
  'refused',
] as const;
export type Status = (typeof STATUSES)[number];

/** States in which work is still going on (the citizen may write, withdraw; deadlines run). */
export const OPEN_STATUSES: readonly Status[] = [
  'submitted',
  'triage',
  'accepted',
  'investigation',
  'awaiting_information',
  'decision_proposed',
  'reopened',
  'in_review',
  'returned',
];
/** States before the Agency has decided whether and how to deal with a case. */
export const TRIAGE_STATUSES: readonly Status[] = ['submitted', 'triage'];
/** States that end a case (closed may be reopened). */
export const FINAL_STATUSES: readonly Status[] = ['closed', 'inadmissible', 'referred', 'withdrawn', 'registered', 'refused'];

export const DECISIONS = ['upheld', 'partly_upheld', 'not_upheld', 'settled'] as const;

/** Coded reasons a case is inadmissible (statistics count these; the text to the citizen is separate). */
export const INADMISSIBLE_REASONS = [
  'not_personal_data',
  'outside_jurisdiction',
  'organisation_not_asked',
  'insufficient_information',
  'duplicate',
  'abusive',
  'other',
] as const;
/** Bodies a case may be referred to. */
export const REFERRAL_BODIES = ['prosecutor', 'police', 'national_bank', 'ombudsman', 'other_state_body', 'court'] as const;

export type Requirement = 'reasonCode' | 'referredTo' | 'decision' | 'decisionText' | 'legalBasis' | 'reasonText' | 'message' | 'reviewNote';

/** What a transition tells the citizen by e-mail (the kind of update; never its content). */
export type CitizenNotice =
  | 'registered'
  | 'accepted'
  | 'inadmissible'
  | 'referred'
  | 'examination'
  | 'information_requested'
  | 'resumed'
  | 'decided'
  | 'closed'
  | 'reopened'
  | 'withdrawn'
  | 'entry_registered'
  | 'entry_ceased'
  | 'registration_refused';

export type Actor = StaffRole | 'citizen';

export interface Transition {
  id: string;
  from: readonly Status[];
  to: Status;
  roles: readonly Actor[];
  /** Fields the form must carry. */
  requires: readonly Requirement[];
  /**
   * The answer clock: stops while the citizen is asked for information (`pause`), runs on by the days paused
   * (`resume`), or starts afresh from today (`restart`, a reopened case).
   */
  clock?: 'pause' | 'resume' | 'restart';
  /** The case is registered (the registration deadline is met). */
  registers?: boolean;
  /** The case is refused: its button warns. */
  warning?: boolean;
  /** What happens to the decision: a proposal is made, returned to its author, or approved and issued. */
  decision?: 'propose' | 'return' | 'approve';
  /** Staff may attach files (they go to the citizen with the message or the decision). */
  files?: boolean;
  /** Must be made by someone other than whoever proposed the decision under review. */
  secondPerson?: boolean;
  /** Staff-only: the citizen's timeline does not show it and no e-mail goes out. */
  internal?: boolean;
  /** The e-mail the citizen gets. */
  notice?: CitizenNotice;
  /** The case types it serves (default: the appeals — complaint, report, breach). */
  caseTypes?: readonly CaseType[];
  /** The application's entry is published in the register (registration cases). */
  publishes?: boolean;
}

const CASEWORKERS = CASEWORKER_ROLES;

export const TRANSITIONS: readonly Transition[] = [
  { id: 'start_triage', from: ['submitted'], to: 'triage', roles: CASEWORKERS, requires: [], registers: true, notice: 'registered' },
  { id: 'accept', from: ['triage'], to: 'accepted', roles: CASEWORKERS, requires: [], notice: 'accepted' },
  {
    id: 'declare_inadmissible',
    from: ['triage'],
    to: 'inadmissible',
    roles: CASEWORKERS,
    requires: ['reasonCode', 'reasonText'],
    warning: true,
    notice: 'inadmissible',
  },
  { id: 'refer', from: ['triage'], to: 'referred', roles: CASEWORKERS, requires: ['referredTo', 'reasonText'], notice: 'referred' },
  { id: 'start_investigation', from: ['accepted', 'reopened'], to: 'investigation', roles: CASEWORKERS, requires: [], notice: 'examination' },
  {
    id: 'request_information',
    from: ['investigation'],
    to: 'awaiting_information',
    roles: CASEWORKERS,
    requires: ['message'],
    clock: 'pause',
    files: true,
    notice: 'information_requested',
  },
  // The citizen's reply resumes the case by itself (cases/citizen.ts); staff resume when no reply is needed.
  { id: 'resume', from: ['awaiting_information'], to: 'investigation', roles: CASEWORKERS, requires: [], clock: 'resume', notice: 'resumed' },
  {
    id: 'propose_decision',
    from: ['investigation'],
    to: 'decision_proposed',
    roles: CASEWORKERS,
    requires: ['decision', 'decisionText', 'legalBasis'],
    decision: 'propose',
    files: true,
    internal: true,
  },
  {
    id: 'return_decision',
    from: ['decision_proposed'],
    to: 'investigation',
    roles: ['supervisor'],
    requires: ['reviewNote'],
    decision: 'return',
    secondPerson: true,
    internal: true,
  },
  {
    id: 'approve_decision',
    from: ['decision_proposed'],
    to: 'closed',
    roles: ['supervisor'],
    requires: [],
    decision: 'approve',
    secondPerson: true,
    notice: 'decided',
  },
  { id: 'close', from: ['decided'], to: 'closed', roles: CASEWORKERS, requires: [], notice: 'closed' },
  { id: 'reopen', from: ['closed'], to: 'reopened', roles: ['supervisor'], requires: ['reasonText'], clock: 'restart', notice: 'reopened' },
  {
    id: 'withdraw',
    from: OPEN_STATUSES,
    to: 'withdrawn',
    roles: ['citizen'],
    requires: [],
    notice: 'withdrawn',
    caseTypes: ['complaint', 'report', 'breach', 'registration'],
  },
  ...REGISTRATION_TRANSITIONS,
];

/** Whether a transition serves cases of this type. */
function servesCaseType(transition: Transition, caseType: CaseType): boolean {
  return transition.caseTypes ? transition.caseTypes.includes(caseType) : caseType !== 'registration';
}

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Where the table's transitions can start (some states in the table's shape, read once). */
function startsOf(test: (transition: Transition) => boolean): readonly string[] {
  return TRANSITIONS.filter(test).flatMap((transition) => transition.from);
}

/** States in which the answer clock stands still: where a transition that pauses it leads. */
const PAUSED_STATUSES: readonly Status[] = TRANSITIONS.filter((transition) => transition.clock === 'pause').map((transition) => transition.to);

export function isPaused(status: string): boolean {
  return (PAUSED_STATUSES as readonly string[]).includes(status);
}

/** Whether the answer clock runs: an open case that is not waiting for the citizen. */
export function clockRunning(status: string): boolean {
  return isOpenStatus(status) && !isPaused(status);
}

/** Whether the case is still to be registered (a registering transition starts here). */
export function awaitsRegistration(status: string): boolean {
  return startsOf((transition) => transition.registers === true).includes(status);
}

/** Whether a proposed decision waits for review in this state (approving it starts here). */
export function awaitsReview(status: string): boolean {
  return startsOf((transition) => transition.decision === 'approve').includes(status);
}

/** The transition a citizen's reply makes by itself in this state, if any: resuming a case that waits for them. */
export function replyTransition(status: string): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.clock === 'resume' && (transition.from as readonly string[]).includes(status));
}

/** The states a case of this type can reach from `submitted` by the transitions that serve it, worked out once per type. */
const STATUSES_OF = new Map<CaseType, readonly Status[]>();

function statusesOf(type: CaseType): readonly Status[] {
  let known = STATUSES_OF.get(type);
  if (!known) STATUSES_OF.set(type, (known = reachableStatuses(type)));
  return known;
}

function reachableStatuses(type: CaseType): readonly Status[] {
  const serving = TRANSITIONS.filter((transition) => servesCaseType(transition, type));
  const reached = new Set<Status>(['submitted']);
  for (let grew = true; grew;) {
    grew = false;
    for (const transition of serving) {
      if (!reached.has(transition.to) && transition.from.some((status) => reached.has(status))) {
        reached.add(transition.to);
        grew = true;
      }
    }
  }
  return STATUSES.filter((status) => reached.has(status));
}

/**
 * Which target date a case works to, if any. Complaints, breach notifications and register applications have
 * the answer deadline while their clock runs; violation reports are tips, not appeals, so they only have the
 * Agency's triage target until triage ends (`answer_due` holds that target for them).
 */
export function caseTarget(type: CaseType, status: string): 'answer' | 'triage' | undefined {
  if (!(statusesOf(type) as readonly string[]).includes(status)) return undefined;
  if (type === 'report') return (TRIAGE_STATUSES as readonly string[]).includes(status) ? 'triage' : undefined;
  return clockRunning(status) ? 'answer' : undefined;
}

export function findTransition(id: string): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.id === id);
}

/** Who is asking, beyond their role: whether they proposed the decision now under review. */
export interface TransitionContext {
  proposedDecision?: boolean;
  /** The case's type: a transition that does not serve it is refused (callers that hold a case always say). */
  caseType?: CaseType;
}

export type TransitionProblem = 'unknown' | 'wrong_state' | 'forbidden' | 'same_person';
export type TransitionCheck = { ok: true; transition: Transition } | { ok: false; problem: TransitionProblem };

export function checkTransition(id: string, status: string, actor: Actor, context: TransitionContext = {}): TransitionCheck {
  const transition = findTransition(id);
  if (!transition) return { ok: false, problem: 'unknown' };
  if (!(transition.from as readonly string[]).includes(status)) return { ok: false, problem: 'wrong_state' };
  if (context.caseType && !servesCaseType(transition, context.caseType)) return { ok: false, problem: 'wrong_state' };
  if (!transition.roles.includes(actor)) return { ok: false, problem: 'forbidden' };
  if (transition.secondPerson && context.proposedDecision) return { ok: false, problem: 'same_person' };
  return { ok: true, transition };
}

/** The transitions this actor may make from this state, in workflow order. */
export function allowedTransitions(status: string, actor: Actor, context: TransitionContext = {}): Transition[] {
  return TRANSITIONS.filter((transition) => checkTransition(transition.id, status, actor, context).ok);
}
