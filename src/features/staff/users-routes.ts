/** /staff/users: admins create accounts (with a set-up link shown once), change roles, disable, re-issue links. */
import { Router, type Request, type Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import { requestId } from '../../http/logging.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { changeRole, createStaff, resetCredentials, setDisabled, SETUP_LINK_HOURS, type StaffKeys } from './accounts.ts';
import { currentStaff, type createStaffGate } from './auth.ts';
import { STAFF_ROLES } from './permissions.ts';
import { findStaffById, listStaff } from './repository.ts';
import { newUserForm, roleForm, userParams } from './schemas.ts';

export interface UsersDeps {
  knex: Knex;
  keys: StaffKeys;
  config: Pick<Config, 'publicUrl'>;
  gate: ReturnType<typeof createStaffGate>;
}

export function usersRoutes(deps: UsersDeps): Router {
  const router = Router();
  const { knex } = deps;
  const guard = deps.gate.requireStaff('users.manage');
  const accounts = { knex, keys: deps.keys };
  const actor = (req: Request, res: Response) => ({ type: 'staff' as const, id: currentStaff(res).id, requestId: requestId(req) });
  const setupLink = (token: string) => `${deps.config.publicUrl}/staff/setup/${token}`;

  const roleItems = (res: Response) => STAFF_ROLES.map((role) => ({ value: role, label: res.locals.t(`staff.roles.${role}`) }));
  const languageItems = [
    { value: 'ky', label: 'Кыргызча' },
    { value: 'ru', label: 'Русский' },
    { value: 'en', label: 'English' },
  ];

  function newUserPage(res: Response, values: Record<string, unknown> = { language: 'ky' }, errors?: FormErrors): void {
    res.status(errors ? 400 : 200).render('staff/users/new', { layout: 'staff', title: res.locals.t('staff.users.newTitle'), values, errors, roleItems: roleItems(res), languageItems });
  }

  async function userId(req: Request): Promise<number> {
    const params = userParams.safeParse(req.params);
    if (!params.success || !(await findStaffById(knex, params.data.id))) throw createHttpError(404);
    return params.data.id;
  }

  router.get('/users', ...guard, async (_req: Request, res: Response) => {
    res.render('staff/users/index', { layout: 'staff', title: res.locals.t('staff.users.title'), users: await listStaff(knex) });
  });

  router.get('/users/new', ...guard, (_req: Request, res: Response) => {
    newUserPage(res);
  });

  router.post('/users', ...guard, async (req: Request, res: Response) => {
    const parsed = validate(newUserForm, req.body);
    if (!parsed.ok) {
      newUserPage(res, req.body as Record<string, unknown>, parsed.errors);
      return;
    }
    const { email, displayName, role, language } = parsed.data;
    const created = await createStaff(accounts, { email, display_name: displayName, role, language }, actor(req, res));
    if ('problem' in created) {
      const error = { field: 'email', key: 'staff.errors.emailTaken', values: {} };
      newUserPage(res, req.body as Record<string, unknown>, { list: [error], byField: { email: error } });
      return;
    }
    res.status(201).render('staff/users/link', { layout: 'staff', title: res.locals.t('staff.users.linkTitle'), link: setupLink(created.token), hours: SETUP_LINK_HOURS, email });
  });

  router.get('/users/:id', ...guard, async (req: Request, res: Response) => {
    const user = await findStaffById(knex, await userId(req));
    res.render('staff/users/show', { layout: 'staff', title: user?.display_name, user, roleItems: roleItems(res), values: { role: user?.role }, self: user?.id === currentStaff(res).id, saved: req.query.saved });
  });

  router.post('/users/:id/role', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    const parsed = validate(roleForm, req.body);
    if (!parsed.ok || id === currentStaff(res).id) {
      const user = await findStaffById(knex, id);
      const errors = parsed.ok ? { list: [{ field: 'role', key: 'staff.errors.ownRole', values: {} }], byField: { role: { field: 'role', key: 'staff.errors.ownRole', values: {} } } } : parsed.errors;
      res.status(400).render('staff/users/show', { layout: 'staff', title: user?.display_name, user, roleItems: roleItems(res), values: { role: user?.role }, errors, self: id === currentStaff(res).id });
      return;
    }
    await changeRole(accounts, id, parsed.data.role, actor(req, res));
    res.redirect(303, `/staff/users/${String(id)}?saved=role`);
  });

  router.post('/users/:id/disable', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    if (id === currentStaff(res).id) throw createHttpError(400);
    await setDisabled(accounts, id, true, actor(req, res));
    res.redirect(303, `/staff/users/${String(id)}?saved=disabled`);
  });

  router.post('/users/:id/enable', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    await setDisabled(accounts, id, false, actor(req, res));
    res.redirect(303, `/staff/users/${String(id)}?saved=enabled`);
  });

  router.post('/users/:id/reset', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    if (id === currentStaff(res).id) throw createHttpError(400);
    const user = await findStaffById(knex, id);
    const token = await resetCredentials(accounts, id, actor(req, res));
    res.render('staff/users/link', { layout: 'staff', title: res.locals.t('staff.users.linkTitle'), link: setupLink(token), hours: SETUP_LINK_HOURS, email: user?.email });
  });

  return router;
}
