/**
 * The case workflow (DESIGN §5) as data plus pure functions: which transitions exist, from which states,
 * who may make them, what each one requires and what it tells the citizen. Services apply a transition in
 * one transaction; this module only decides whether it is allowed and what it needs.
 */
import type { StaffRole } from '../staff/permissions.ts';

export const STATUSES = ['submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'decided', 'closed', 'inadmissible', 'referred', 'withdrawn', 'reopened'] as const;
export type Status = (typeof STATUSES)[number];

/** States in which work is still going on (the citizen may write, withdraw; deadlines run). */
export const OPEN_STATUSES: readonly Status[] = ['submitted', 'triage', 'accepted', 'investigation', 'awaiting_information', 'reopened'];
/** States that end a case (closed may be reopened). */
export const FINAL_STATUSES: readonly Status[] = ['closed', 'inadmissible', 'referred', 'withdrawn'];

export const DECISIONS = ['upheld', 'partly_upheld', 'not_upheld', 'settled'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Coded reasons a case is inadmissible (statistics count these; the text to the citizen is separate). */
export const INADMISSIBLE_REASONS = ['not_personal_data', 'outside_jurisdiction', 'organisation_not_asked', 'insufficient_information', 'duplicate', 'abusive', 'other'] as const;
/** Bodies a case may be referred to. */
export const REFERRAL_BODIES = ['prosecutor', 'police', 'national_bank', 'ombudsman', 'other_state_body', 'court'] as const;

export type Requirement = 'reasonCode' | 'referredTo' | 'decision' | 'decisionText' | 'reasonText' | 'message';

export type Actor = StaffRole | 'citizen';

export interface Transition {
  id: string;
  from: readonly Status[];
  to: Status;
  roles: readonly Actor[];
  /** Fields the form must carry. */
  requires: readonly Requirement[];
  /** The answer clock stops (awaiting information) or restarts. */
  clock?: 'pause' | 'resume';
}

const CASEWORKERS: readonly StaffRole[] = ['supervisor', 'case_officer'];

export const TRANSITIONS: readonly Transition[] = [
  { id: 'start_triage', from: ['submitted'], to: 'triage', roles: CASEWORKERS, requires: [] },
  { id: 'accept', from: ['triage'], to: 'accepted', roles: CASEWORKERS, requires: [] },
  { id: 'declare_inadmissible', from: ['triage'], to: 'inadmissible', roles: CASEWORKERS, requires: ['reasonCode', 'reasonText'] },
  { id: 'refer', from: ['triage'], to: 'referred', roles: CASEWORKERS, requires: ['referredTo', 'reasonText'] },
  { id: 'start_investigation', from: ['accepted', 'reopened'], to: 'investigation', roles: CASEWORKERS, requires: [] },
  { id: 'request_information', from: ['investigation'], to: 'awaiting_information', roles: CASEWORKERS, requires: ['message'], clock: 'pause' },
  { id: 'resume', from: ['awaiting_information'], to: 'investigation', roles: CASEWORKERS, requires: [], clock: 'resume' },
  { id: 'decide', from: ['investigation'], to: 'decided', roles: CASEWORKERS, requires: ['decision', 'decisionText'] },
  { id: 'close', from: ['decided'], to: 'closed', roles: CASEWORKERS, requires: [] },
  { id: 'reopen', from: ['closed'], to: 'reopened', roles: ['supervisor'], requires: ['reasonText'] },
  { id: 'withdraw', from: OPEN_STATUSES, to: 'withdrawn', roles: ['citizen'], requires: [] },
];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Whether the answer clock runs: an open case that is not waiting for the citizen. */
export function clockRunning(status: string): boolean {
  return isOpenStatus(status) && status !== 'awaiting_information';
}

export function findTransition(id: string): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.id === id);
}

/** The transitions this actor may make from this state, in workflow order. */
export function allowedTransitions(status: string, actor: Actor): Transition[] {
  return TRANSITIONS.filter((transition) => (transition.from as readonly string[]).includes(status) && transition.roles.includes(actor));
}

export type TransitionCheck = { ok: true; transition: Transition } | { ok: false; problem: 'unknown' | 'wrong_state' | 'forbidden' };

export function checkTransition(id: string, status: string, actor: Actor): TransitionCheck {
  const transition = findTransition(id);
  if (!transition) return { ok: false, problem: 'unknown' };
  if (!(transition.from as readonly string[]).includes(status)) return { ok: false, problem: 'wrong_state' };
  if (!transition.roles.includes(actor)) return { ok: false, problem: 'forbidden' };
  return { ok: true, transition };
}
