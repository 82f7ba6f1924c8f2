/** Staff accounts as the user-management pages show them: the list's rows and one account's page. */
import { pathTo } from '../../../http/paths.ts';
import type { StaffRow } from '../accounts.ts';
import { roleKey } from './roles.ts';

export interface UserView {
  id: number;
  href: string;
  name: string;
  email: string;
  roleKey: string;
  /** Disabled, active (enrolled a second factor) or pending (has not finished setting up). */
  stateKey: string;
  disabled: boolean;
  lastLoginAt: Date | null;
}

function stateKey(user: StaffRow): string {
  if (user.disabled_at) return 'staff.users.disabled';
  return user.totp_enrolled_at ? 'staff.users.active' : 'staff.users.pending';
}

export function presentUser(user: StaffRow): UserView {
  return {
    id: user.id,
    href: pathTo('staff.users.show', { id: user.id }),
    name: user.display_name,
    email: user.email,
    roleKey: roleKey(user.role),
    stateKey: stateKey(user),
    disabled: user.disabled_at !== null,
    lastLoginAt: user.last_login_at,
  };
}

export function presentUsers(users: readonly StaffRow[]): UserView[] {
  return users.map(presentUser);
}
