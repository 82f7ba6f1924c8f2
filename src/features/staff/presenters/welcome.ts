/** The welcome page of those whose role does not work on cases: what their role is for, and what they can open. */
import { can, type StaffRole } from '../permissions.ts';

const ROLE_LEADS: Record<StaffRole, string> = {
  admin: 'staffAccess.welcome.role.admin',
  supervisor: 'staffAccess.welcome.role.supervisor',
  case_officer: 'staffAccess.welcome.role.case_officer',
  editor: 'staffAccess.welcome.role.editor',
  auditor: 'staffAccess.welcome.role.auditor',
};

export interface WelcomeView {
  roleLeadKey: string;
  canCases: boolean;
  canHolidays: boolean;
  canAudit: boolean;
  canUsers: boolean;
  canApprove: boolean;
  canContent: boolean;
}

export function presentWelcome(role: StaffRole): WelcomeView {
  return {
    roleLeadKey: ROLE_LEADS[role],
    canCases: can(role, 'cases.list'),
    canHolidays: can(role, 'holidays.view'),
    canAudit: can(role, 'audit.view'),
    canUsers: can(role, 'users.manage'),
    canApprove: can(role, 'users.approve'),
    canContent: can(role, 'content.view'),
  };
}
