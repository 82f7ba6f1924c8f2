/**
 * The register application's transitions (workflow.ts holds the table they join): submitted → in review →
 * registered | returned for changes | refused. Registering publishes the entry in the register.
 */
import type { Transition } from './workflow.ts';
import type { CaseType } from './types.ts';

const REGISTRATIONS: readonly CaseType[] = ['registration'];
const CASEWORKERS = ['supervisor', 'case_officer'] as const;

export const REGISTRATION_TRANSITIONS: readonly Transition[] = [
  {
    id: 'start_review',
    from: ['submitted'],
    to: 'in_review',
    roles: CASEWORKERS,
    requires: [],
    registers: true,
    notice: 'examination',
    caseTypes: REGISTRATIONS,
  },
  {
    id: 'return_for_changes',
    from: ['in_review'],
    to: 'returned',
    roles: CASEWORKERS,
    requires: ['message'],
    clock: 'pause',
    notice: 'information_requested',
    caseTypes: REGISTRATIONS,
  },
  // The holder's reply resumes the review by itself, as a citizen's reply does for an appeal.
  {
    id: 'resume_review',
    from: ['returned'],
    to: 'in_review',
    roles: CASEWORKERS,
    requires: [],
    clock: 'resume',
    notice: 'resumed',
    caseTypes: REGISTRATIONS,
  },
  {
    id: 'register_entry',
    from: ['in_review'],
    to: 'registered',
    roles: CASEWORKERS,
    requires: [],
    publishes: true,
    notice: 'entry_registered',
    caseTypes: REGISTRATIONS,
  },
  {
    id: 'refuse_registration',
    from: ['in_review'],
    to: 'refused',
    roles: CASEWORKERS,
    requires: ['reasonText'],
    warning: true,
    notice: 'registration_refused',
    caseTypes: REGISTRATIONS,
  },
];
