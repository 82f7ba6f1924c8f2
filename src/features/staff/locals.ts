/** What the staff feature adds to `res.locals` for back-office pages (declaration merging with http/locals.ts). */
import type { Language } from '../../config.ts';
import type { StaffRole } from './permissions.ts';

interface StaffUser {
  id: number;
  role: StaffRole;
  /** The translation key of the role's name. */
  roleKey: string;
  displayName: string;
  language: Language;
  email: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The signed-in staff member, re-read from the database on every back-office request. */
      staffUser?: StaffUser;
    }
  }
}
