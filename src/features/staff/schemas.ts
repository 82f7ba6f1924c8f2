import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { PASSWORD_MAX, passwordProblem } from './passwords.ts';
import { STAFF_ROLES } from './permissions.ts';

export const loginForm = z.object({
  email: z.string().trim().min(1, 'staff.errors.email').max(254),
  password: z
    .string()
    .min(1, 'staff.errors.password')
    .max(PASSWORD_MAX * 4),
});

export const codeForm = z.object({
  code: z.string().trim().min(1, 'staff.errors.code').max(40),
});

const newPassword = {
  password: z.string().max(PASSWORD_MAX * 4),
  confirm: z.string().max(PASSWORD_MAX * 4),
};

/** The password rules, then the two entries must agree. */
function checkNewPassword(email: string) {
  return (value: { password: string; confirm: string }, context: z.RefinementCtx): void => {
    const problem = passwordProblem(value.password, email);
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: `staff.errors.passwordRules.${problem}` });
    else if (value.password !== value.confirm) context.addIssue({ code: 'custom', path: ['confirm'], message: 'staff.errors.passwordMismatch' });
  };
}

export function passwordForm(email: string) {
  return z.object(newPassword).superRefine(checkNewPassword(email));
}

/** Changing one's own password: the current one, and a new one by the same rules as at set-up. */
export function passwordChangeForm(email: string) {
  return z
    .object({
      current: z
        .string()
        .min(1, 'staffAccess.password.errors.current')
        .max(PASSWORD_MAX * 4),
      ...newPassword,
    })
    .superRefine(checkNewPassword(email));
}

export const setupParams = z.object({ token: z.string().regex(/^[\w-]{40,60}$/) });

export const languageForm = z.object({ language: z.enum(LANGUAGES, { error: 'validation.choose' }) });

export const newUserForm = z.object({
  email: z.email({ error: 'validation.email' }).trim().max(254),
  displayName: z.string().trim().min(1, 'staff.errors.displayName').max(120),
  role: z.enum(STAFF_ROLES, { error: 'staff.errors.role' }),
  language: z.enum(LANGUAGES, { error: 'validation.choose' }),
});

export const roleForm = z.object({ role: z.enum(STAFF_ROLES, { error: 'staff.errors.role' }) });

export const userParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const requestParams = z.object({ request: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
