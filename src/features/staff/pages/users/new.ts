/**
 * /staff/users/new: an admin adds an account. Roles without personal data get their set-up link at once, shown
 * to the admin; the others become a request another person must approve.
 */
import type { Request, Response } from 'express';
import { validate, type FormErrors } from '../../../../http/validation.ts';
import { addStaff, setupLink } from '../../access-requests.ts';
import { SETUP_LINK_HOURS } from '../../accounts.ts';
import { LANGUAGE_ITEMS, roleItems, roleKey } from '../../presenters/roles.ts';
import { newUserForm } from '../../schemas.ts';
import { fieldError, type UsersDeps } from '../deps.ts';
import { actor } from './shared.ts';

function renderNew(res: Response, values: Record<string, unknown> = { language: 'ky' }, errors?: FormErrors): void {
  const { t } = res.locals;
  res
    .status(errors ? 400 : 200)
    .render('staff/users/new', { layout: 'staff', title: t('staff.users.newTitle'), values, errors, roleItems: roleItems(t), languageItems: LANGUAGE_ITEMS });
}

export function newUserPage(_req: Request, res: Response): void {
  renderNew(res);
}

export function createUserPost(deps: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { t } = res.locals;
    const parsed = validate(newUserForm, req.body);
    if (!parsed.ok) {
      renderNew(res, req.body as Record<string, unknown>, parsed.errors);
      return;
    }
    const { email, displayName, role, language } = parsed.data;
    const added = await addStaff(deps, { email, display_name: displayName, role, language }, actor(req, res));
    if ('problem' in added) {
      renderNew(
        res,
        req.body as Record<string, unknown>,
        fieldError('email', added.problem === 'emailTaken' ? 'staff.errors.emailTaken' : 'staffAccess.errors.alreadyRequested'),
      );
      return;
    }
    if (added.kind === 'requested') {
      res.status(202).render('staff/users/requested', { layout: 'staff', title: t('staffAccess.requested.title'), email, roleKey: roleKey(role) });
      return;
    }
    const link = setupLink(deps.config.publicUrl, added.token);
    res.status(201).render('staff/users/link', { layout: 'staff', title: t('staff.users.linkTitle'), link, hours: SETUP_LINK_HOURS, email });
  };
}
