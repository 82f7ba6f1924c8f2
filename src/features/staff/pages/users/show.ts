/** /staff/users/:id: one account, and an admin's change of its role (a request when the role reads personal data). */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { pathTo } from '../../../../http/paths.ts';
import { validate, type FormErrors } from '../../../../http/validation.ts';
import { pendingRoleFor, requestRoleChange } from '../../access-requests.ts';
import type { StaffRow } from '../../accounts.ts';
import { currentStaff } from '../../auth.ts';
import { userSavedKey } from '../../presenters/notices.ts';
import { roleItems, roleKey } from '../../presenters/roles.ts';
import { presentUser } from '../../presenters/users.ts';
import { roleForm } from '../../schemas.ts';
import { fieldError, type UsersDeps } from '../deps.ts';
import { accountOf, actor } from './shared.ts';

async function renderUser(knex: Knex, req: Request, res: Response, user: StaffRow, errors?: FormErrors): Promise<void> {
  const pendingRole = await pendingRoleFor(knex, user.id);
  res.status(errors ? 400 : 200).render('staff/users/show', {
    layout: 'staff',
    title: user.display_name,
    user: presentUser(user),
    roleItems: roleItems(res.locals.t),
    values: { role: user.role },
    errors,
    pendingRoleKey: pendingRole ? roleKey(pendingRole) : undefined,
    self: user.id === currentStaff(res).id,
    savedKey: errors ? undefined : userSavedKey(req.query.saved),
  });
}

export function userPage({ knex }: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await renderUser(knex, req, res, await accountOf(knex, req));
  };
}

export function rolePost(deps: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await accountOf(deps.knex, req);
    const parsed = validate(roleForm, req.body);
    if (!parsed.ok || user.id === currentStaff(res).id) {
      await renderUser(deps.knex, req, res, user, parsed.ok ? fieldError('role', 'staff.errors.ownRole') : parsed.errors);
      return;
    }
    const result = await requestRoleChange(deps, user.id, parsed.data.role, actor(req, res));
    if ('problem' in result) {
      await renderUser(deps.knex, req, res, user, fieldError('role', 'staffAccess.errors.alreadyRequested'));
      return;
    }
    res.redirect(303, `${pathTo('staff.users.show', { id: user.id })}?saved=${result.kind === 'requested' ? 'requested' : 'role'}`);
  };
}
