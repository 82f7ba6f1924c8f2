/** /staff/login, the password step. Every failure answers the same way; the audit trail tells them apart. */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { regenerateSession } from '../../../http/session.ts';
import { validate } from '../../../http/validation.ts';
import { loginNoticeKey } from '../presenters/notices.ts';
import { loginForm } from '../schemas.ts';
import { checkPassword } from '../sign-in.ts';
import type { StaffAuthDeps } from './deps.ts';
import { signInFailure } from './sign-in-state.ts';

export function loginPage(req: Request, res: Response): void {
  const { t } = res.locals;
  const noticeKey = loginNoticeKey(req.query);
  res.render('staff/login', { layout: 'staff', title: t('staff.login.title'), values: {}, notice: noticeKey ? t(noticeKey) : undefined });
}

export function loginPost({ knex, keys }: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = req.body as Record<string, unknown>;
    const values = { email: typeof body.email === 'string' ? body.email.slice(0, 254) : '' };
    const again = { layout: 'staff', title: res.locals.t('staff.login.title'), values };
    const parsed = validate(loginForm, body);
    if (!parsed.ok) {
      res.status(400).render('staff/login', { ...again, errors: parsed.errors });
      return;
    }
    const result = await checkPassword({ knex, keys }, parsed.data.email, parsed.data.password, requestId(req));
    if (!result.ok) {
      res.status(400).render('staff/login', { ...again, errors: signInFailure('email') });
      return;
    }
    await regenerateSession(req);
    const { staff, next } = result;
    req.session.staffPending = { id: staff.id, at: Date.now(), next, version: staff.credential_version, lang: staff.language };
    res.redirect(303, pathTo(next === 'enrol' ? 'staff.enrol' : 'staff.loginCode'));
  };
}
