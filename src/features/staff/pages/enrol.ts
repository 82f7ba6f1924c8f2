/** /staff/enrol, the first login's second step: scan the secret, confirm with a code, see the recovery codes once. */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { landingPath } from '../auth.ts';
import { codeForm } from '../schemas.ts';
import { beginEnrolment, confirmEnrolment, type PendingLogin } from '../sign-in.ts';
import { enrolment } from '../totp.ts';
import type { StaffAuthDeps } from './deps.ts';
import { pendingLogin, signInFailure, startSignedIn, useAccountLanguage } from './sign-in-state.ts';

const EXPIRED = (): string => `${pathTo('staff.login')}?expired=1`;

async function renderEnrol(deps: StaffAuthDeps, req: Request, res: Response, login: PendingLogin, errors?: FormErrors): Promise<void> {
  const started = await beginEnrolment(deps, login);
  if (!started) {
    // The credentials this login began with are gone (reset, disabled, role changed): start again.
    delete req.session.staffPending;
    res.redirect(303, EXPIRED());
    return;
  }
  useAccountLanguage(deps.gate, req, res, started.staff.language);
  const { t } = res.locals;
  const details = await enrolment(started.secret, started.staff.email, t('site.name'));
  res
    .status(errors ? 400 : 200)
    .render('staff/enrol', { layout: 'staff', title: t('staff.enrol.title'), qrSvg: details.qrSvg, manualKey: details.manualKey, errors });
}

export function enrolPage(deps: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const login = pendingLogin(req, 'enrol');
    if (login === undefined) {
      res.redirect(303, pathTo('staff.login'));
      return;
    }
    await renderEnrol(deps, req, res, login);
  };
}

export function enrolPost(deps: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const login = pendingLogin(req, 'enrol');
    if (login === undefined) {
      res.redirect(303, EXPIRED());
      return;
    }
    const parsed = validate(codeForm, req.body);
    if (!parsed.ok) {
      await renderEnrol(deps, req, res, login, parsed.errors);
      return;
    }
    const enrolled = await confirmEnrolment(deps, login, parsed.data.code, requestId(req));
    if (!enrolled) {
      await renderEnrol(deps, req, res, login, signInFailure('code', 'staff.errors.enrolCode'));
      return;
    }
    const { staff, recoveryCodes } = enrolled;
    await startSignedIn(req, staff.id, staff.credential_version);
    useAccountLanguage(deps.gate, req, res, staff.language);
    // Shown once, in this response; only their hashes are kept.
    res.render('staff/recovery-codes', { layout: 'staff', title: res.locals.t('staff.recovery.title'), codes: recoveryCodes, next: landingPath(staff.role) });
  };
}
