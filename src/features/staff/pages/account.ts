/** /staff/account: one's own account — who, which role, recovery codes left — and its language. */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { recoveryCodesLeft, setLanguage } from '../accounts.ts';
import { currentStaff } from '../auth.ts';
import { accountSavedKey } from '../presenters/notices.ts';
import { LANGUAGE_ITEMS } from '../presenters/roles.ts';
import { languageForm } from '../schemas.ts';
import type { StaffAuthDeps } from './deps.ts';

async function renderAccount({ knex }: StaffAuthDeps, res: Response, notice: { savedKey?: string; errors?: FormErrors }): Promise<void> {
  const user = currentStaff(res);
  res.status(notice.errors ? 400 : 200).render('staff/account', {
    layout: 'staff',
    title: res.locals.t('staff.account.title'),
    recoveryLeft: await recoveryCodesLeft(knex, user.id),
    languageItems: LANGUAGE_ITEMS,
    values: { language: user.language },
    ...notice,
  });
}

export function accountPage(deps: StaffAuthDeps) {
  return (req: Request, res: Response): Promise<void> => renderAccount(deps, res, { savedKey: accountSavedKey(req.query.saved) });
}

export function languagePost(deps: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = validate(languageForm, req.body);
    if (!parsed.ok) {
      await renderAccount(deps, res, { errors: parsed.errors });
      return;
    }
    await setLanguage(deps.knex, currentStaff(res).id, parsed.data.language);
    res.redirect(303, `${pathTo('staff.account')}?saved=1`);
  };
}
