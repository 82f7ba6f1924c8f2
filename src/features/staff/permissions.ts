/**
 * Who may do what in the back office: one table of role → actions, and the object-level rules for cases.
 * Every /staff route asks `can(role, action)`; every case, message and file route also asks `caseAccess`.
 */
export const STAFF_ROLES = ['admin', 'supervisor', 'case_officer', 'editor', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The roles that may be given cases. */
export const CASEWORKER_ROLES: readonly StaffRole[] = ['supervisor', 'case_officer'];

export const ACTIONS = [
  'cases.list',
  'cases.view',
  'cases.viewPersonalData',
  'cases.assign',
  'cases.takeUnassigned',
  'cases.transition',
  'cases.message',
  'cases.note',
  'cases.link',
  'cases.export',
  'cases.readers',
  'decisions.publish',
  'cases.hold',
  'files.download',
  'holidays.view',
  'holidays.edit',
  'users.manage',
  'users.approve',
  'audit.view',
  'content.view',
  'content.edit',
  'content.approve',
  'register.view',
  'register.edit',
  'statistics.view',
  'statistics.all',
  'reports.annual',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * admin runs the system (accounts, calendar, audit) but reads no one's personal data; supervisors and case
 * officers do casework; editors write and review guidance content (supervisors may approve it too);
 * auditors read everything and change nothing. Supervisors, auditors and admins export the queue (admins without
 * the people's names and contacts); supervisors and auditors see who read a case; supervisors publish anonymised
 * decisions (a second supervisor approves). Only supervisors put a case under a legal hold
 * (or lift it). Giving anyone a role that reads personal data takes two
 * people: an admin asks, another admin or a supervisor approves (`users.approve`).
 */
const GRANTS: Record<StaffRole, readonly Action[]> = {
  admin: [
    'cases.list',
    'cases.view',
    'cases.export',
    'holidays.view',
    'holidays.edit',
    'users.manage',
    'users.approve',
    'audit.view',
    'register.view',
    'statistics.view',
    'statistics.all',
    'reports.annual',
  ],
  supervisor: [
    'cases.list',
    'cases.view',
    'cases.viewPersonalData',
    'cases.assign',
    'cases.takeUnassigned',
    'cases.transition',
    'cases.message',
    'cases.note',
    'cases.link',
    'cases.export',
    'cases.readers',
    'decisions.publish',
    'cases.hold',
    'files.download',
    'holidays.view',
    'holidays.edit',
    'users.approve',
    'content.view',
    'content.approve',
    'register.view',
    'register.edit',
    'statistics.view',
    'statistics.all',
    'reports.annual',
  ],
  case_officer: [
    'cases.list',
    'cases.view',
    'cases.viewPersonalData',
    'cases.takeUnassigned',
    'cases.transition',
    'cases.message',
    'cases.note',
    'cases.link',
    'files.download',
    'holidays.view',
    'register.view',
    'register.edit',
    'statistics.view',
  ],
  editor: ['holidays.view', 'content.view', 'content.edit', 'content.approve'],
  auditor: [
    'cases.list',
    'cases.view',
    'cases.viewPersonalData',
    'cases.export',
    'cases.readers',
    'files.download',
    'holidays.view',
    'audit.view',
    'register.view',
    'statistics.view',
    'statistics.all',
    'reports.annual',
  ],
};

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

export function can(role: StaffRole, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** Actions that change something: never granted to auditors (checked by a test over the table). */
export const CHANGING_ACTIONS: readonly Action[] = [
  'cases.assign',
  'cases.takeUnassigned',
  'cases.transition',
  'cases.message',
  'cases.note',
  'cases.link',
  'decisions.publish',
  'cases.hold',
  'holidays.edit',
  'users.manage',
  'users.approve',
  'content.edit',
  'content.approve',
  'register.edit',
];

/** Roles that read personal data: their set-up links go only to the account's own address, and giving them takes a second person. */
export function readsPersonalData(role: StaffRole): boolean {
  return can(role, 'cases.viewPersonalData');
}

export interface CaseAccess {
  /** Summary, answers and timeline. */
  view: boolean;
  /** Names and contact details of the people in the case, their messages and files. */
  personalData: boolean;
  /** Transitions, messages, notes, links. */
  change: boolean;
}

/**
 * Object-level rule: case officers work on the cases assigned to them (and may take an unassigned one);
 * supervisors on any case; auditors read any case; admins see only the summary.
 */
export function caseAccess(user: { id: number; role: StaffRole }, assigneeId: number | null): CaseAccess {
  const mine = assigneeId === user.id;
  switch (user.role) {
    case 'supervisor':
      return { view: true, personalData: true, change: true };
    case 'case_officer':
      return { view: true, personalData: mine, change: mine };
    case 'auditor':
      return { view: true, personalData: true, change: false };
    case 'admin':
      return { view: true, personalData: false, change: false };
    case 'editor':
      return { view: false, personalData: false, change: false };
  }
}

export type PersonalDataScope = 'all' | 'assigned' | 'none';

/**
 * Whose personal data (answers, messages) a role may read — and so search: every case, only the cases
 * assigned to the reader, or none. Derived from `caseAccess`, so the queue's search can never match text that
 * the case page would hide from the same person.
 */
export function personalDataScope(role: StaffRole): PersonalDataScope {
  const user = { id: 1, role };
  if (caseAccess(user, 2).personalData && caseAccess(user, null).personalData) return 'all';
  return caseAccess(user, 1).personalData ? 'assigned' : 'none';
}
