/** /staff/login/code, the second step: a TOTP code or a recovery code, in the account's language. */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { landingPath } from '../auth.ts';
import { codeForm } from '../schemas.ts';
import { checkSecondFactor } from '../sign-in.ts';
import type { StaffAuthDeps } from './deps.ts';
import { pendingLogin, signInFailure, startSignedIn, useAccountLanguage } from './sign-in-state.ts';

function renderCode(deps: StaffAuthDeps, req: Request, res: Response, errors?: FormErrors): void {
  useAccountLanguage(deps.gate, req, res, req.session.staffPending?.lang);
  res.status(errors ? 400 : 200).render('staff/code', { layout: 'staff', title: res.locals.t('staff.code.title'), errors });
}

export function codePage(deps: StaffAuthDeps) {
  return (req: Request, res: Response): void => {
    if (pendingLogin(req, 'code') === undefined) {
      res.redirect(303, pathTo('staff.login'));
      return;
    }
    renderCode(deps, req, res);
  };
}

export function codePost(deps: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const login = pendingLogin(req, 'code');
    if (login === undefined) {
      res.redirect(303, `${pathTo('staff.login')}?expired=1`);
      return;
    }
    const parsed = validate(codeForm, req.body);
    if (!parsed.ok) {
      renderCode(deps, req, res, parsed.errors);
      return;
    }
    const staff = await checkSecondFactor(deps, login, parsed.data.code, requestId(req));
    if (!staff) {
      renderCode(deps, req, res, signInFailure('code'));
      return;
    }
    await startSignedIn(req, staff.id, staff.credential_version);
    res.redirect(303, landingPath(staff.role));
  };
}
