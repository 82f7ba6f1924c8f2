/** Roles and languages as the back office shows them: finished translation keys, and the choices of a form. */
import type { StaffRole } from '../permissions.ts';
import { readsPersonalData, STAFF_ROLES } from '../permissions.ts';

const ROLE_KEYS: Record<StaffRole, string> = {
  admin: 'staff.roles.admin',
  supervisor: 'staff.roles.supervisor',
  case_officer: 'staff.roles.case_officer',
  editor: 'staff.roles.editor',
  auditor: 'staff.roles.auditor',
};

/** The translation key of a role's name. */
export function roleKey(role: StaffRole): string {
  return ROLE_KEYS[role];
}

/** The role choices of a form; roles that read personal data say that a second person must approve them. */
export function roleItems(t: (key: string) => string): { value: StaffRole; label: string; hint?: string }[] {
  return STAFF_ROLES.map((role) => ({
    value: role,
    label: t(ROLE_KEYS[role]),
    hint: readsPersonalData(role) ? t('staffAccess.roleNeedsApproval') : undefined,
  }));
}

/** The interface languages, each named in itself. */
export const LANGUAGE_ITEMS = [
  { value: 'ky', label: 'Кыргызча' },
  { value: 'ru', label: 'Русский' },
  { value: 'en', label: 'English' },
] as const;
