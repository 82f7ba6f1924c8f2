/**
 * An admin's actions on another account's access: disable or enable it, end its sessions, or give it a new
 * set-up link (shown for roles without personal data, e-mailed to the owner otherwise).
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import { pathTo } from '../../../../http/paths.ts';
import { reissueSetupLink, setupLink } from '../../access-requests.ts';
import { endAllSessions, setDisabled, SETUP_LINK_HOURS } from '../../accounts.ts';
import { presentUser } from '../../presenters/users.ts';
import type { UsersDeps } from '../deps.ts';
import { accountOf, actor, refuseOwnAccount } from './shared.ts';

function savedPage(id: number, saved: string): string {
  return `${pathTo('staff.users.show', { id })}?saved=${saved}`;
}

export function disablePost(deps: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { id } = await accountOf(deps.knex, req);
    refuseOwnAccount(res, id);
    await setDisabled(deps, id, true, actor(req, res));
    res.redirect(303, savedPage(id, 'disabled'));
  };
}

export function enablePost(deps: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { id } = await accountOf(deps.knex, req);
    await setDisabled(deps, id, false, actor(req, res));
    res.redirect(303, savedPage(id, 'enabled'));
  };
}

/** One's own sessions end from the account page, which keeps this browser signed in. */
export function endUserSessionsPost(deps: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { id } = await accountOf(deps.knex, req);
    refuseOwnAccount(res, id);
    await endAllSessions(deps, id, actor(req, res));
    res.redirect(303, savedPage(id, 'sessions'));
  };
}

export function resetPost(deps: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await accountOf(deps.knex, req);
    refuseOwnAccount(res, user.id);
    const reissued = await reissueSetupLink(deps, user.id, actor(req, res));
    if (!reissued) throw createHttpError(404);
    const { t } = res.locals;
    if (reissued.kind === 'mailed') {
      res.render('staff/users/link-sent', { layout: 'staff', title: t('staffAccess.linkSent.title'), user: presentUser(user), hours: SETUP_LINK_HOURS });
      return;
    }
    const link = setupLink(deps.config.publicUrl, reissued.token);
    res.render('staff/users/link', { layout: 'staff', title: t('staff.users.linkTitle'), link, hours: SETUP_LINK_HOURS, email: user.email });
  };
}
