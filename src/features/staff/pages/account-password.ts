/**
 * /staff/account/password: a new password, given the current one (a wrong one counts like a failed login).
 * Every session of the account ends; this browser carries on in a fresh one.
 */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { currentStaff } from '../auth.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../passwords.ts';
import { passwordChangeForm } from '../schemas.ts';
import { changePassword } from '../sign-in.ts';
import type { StaffAuthDeps } from './deps.ts';
import { signInFailure, startSignedIn } from './sign-in-state.ts';

function renderPassword(res: Response, errors?: FormErrors): void {
  res
    .status(errors ? 400 : 200)
    .render('staff/password', { layout: 'staff', title: res.locals.t('staffAccess.password.title'), errors, min: PASSWORD_MIN, max: PASSWORD_MAX });
}

export function passwordPage(_req: Request, res: Response): void {
  renderPassword(res);
}

export function passwordPost(deps: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = currentStaff(res);
    const parsed = validate(passwordChangeForm(user.email), req.body);
    if (!parsed.ok) {
      renderPassword(res, parsed.errors);
      return;
    }
    const changed = await changePassword(deps, user.id, parsed.data.current, parsed.data.password, requestId(req));
    if (!changed.ok) {
      renderPassword(res, signInFailure('current', 'staffAccess.password.errors.wrong'));
      return;
    }
    await startSignedIn(req, user.id, changed.staff.credential_version);
    res.redirect(303, `${pathTo('staff.account')}?saved=password`);
  };
}
