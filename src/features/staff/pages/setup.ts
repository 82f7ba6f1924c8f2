/**
 * /staff/setup/:token, the single-use set-up link: the account's owner chooses a password. The site-wide
 * Referrer-Policy (same-origin) keeps the token from other sites; no-referrer would make browsers send
 * "Origin: null" with the form, which the cross-site check rightly refuses.
 */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { isLanguage } from '../../../i18n/i18n.ts';
import { completeSetup, setupAccount, type StaffRow } from '../accounts.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../passwords.ts';
import { passwordForm, setupParams } from '../schemas.ts';
import type { StaffAuthDeps } from './deps.ts';
import { useAccountLanguage } from './sign-in-state.ts';

/** The account whose live link this is, with its token; undefined for a malformed, used or expired link. */
async function linkAccount(deps: StaffAuthDeps, req: Request): Promise<{ token: string; staff: StaffRow } | undefined> {
  const params = setupParams.safeParse(req.params);
  const staff = params.success ? await setupAccount(deps.knex, params.data.token) : undefined;
  return params.success && staff ? { token: params.data.token, staff } : undefined;
}

async function renderSetup(deps: StaffAuthDeps, req: Request, res: Response, errors?: FormErrors): Promise<void> {
  const link = await linkAccount(deps, req);
  if (!link) {
    res.status(404).render('staff/setup-expired', { layout: 'staff', title: res.locals.t('staff.setup.expiredTitle') });
    return;
  }
  useAccountLanguage(deps.gate, req, res, link.staff.language);
  const view = { layout: 'staff', title: res.locals.t('staff.setup.title'), email: link.staff.email, errors, min: PASSWORD_MIN, max: PASSWORD_MAX };
  res.status(errors ? 400 : 200).render('staff/setup', view);
}

export function setupPage(deps: StaffAuthDeps) {
  return (req: Request, res: Response): Promise<void> => renderSetup(deps, req, res);
}

export function setupPost(deps: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const link = await linkAccount(deps, req);
    if (!link) {
      await renderSetup(deps, req, res);
      return;
    }
    const parsed = validate(passwordForm(link.staff.email), req.body);
    if (!parsed.ok) {
      await renderSetup(deps, req, res, parsed.errors);
      return;
    }
    await completeSetup(deps, link.token, parsed.data.password, requestId(req));
    // The login page in the language of the set-up page (remembered in the language cookie from here).
    const lang = isLanguage(req.query.lang) ? req.query.lang : link.staff.language;
    res.redirect(303, `${pathTo('staff.login')}?ready=1&lang=${lang}`);
  };
}
