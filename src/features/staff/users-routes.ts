/**
 * /staff/users: admins create accounts, change roles, disable, re-issue set-up links. Roles that read
 * personal data take a second person: the admin's request waits at /staff/users/requests until another admin
 * or a supervisor approves it, and those accounts' set-up links are e-mailed to their owners, never shown.
 */
import { Router, type Request, type Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { requestId } from '../../http/logging.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { endAllSessions, setDisabled, SETUP_LINK_HOURS, type StaffKeys } from './accounts.ts';
import { addStaff, decideAccessRequest, pendingAccessRequests, reissueSetupLink, requestRoleChange, setupLink, type StaffActor } from './access-requests.ts';
import { currentStaff, type createStaffGate } from './auth.ts';
import { readsPersonalData, STAFF_ROLES } from './permissions.ts';
import { findStaffById, listStaff, pendingRequestFor } from './repository.ts';
import { newUserForm, requestParams, roleForm, userParams } from './schemas.ts';

export interface UsersDeps {
  knex: Knex;
  keys: StaffKeys;
  jobs: JobQueue;
  config: Pick<Config, 'publicUrl'>;
  gate: ReturnType<typeof createStaffGate>;
}

function fieldError(field: string, key: string): FormErrors {
  const error = { field, key, values: {} };
  return { list: [error], byField: { [field]: error } };
}

export function usersRoutes(deps: UsersDeps): Router {
  const router = Router();
  const { knex } = deps;
  const guard = deps.gate.requireStaff('users.manage');
  const approverGuard = deps.gate.requireStaff('users.approve');
  const access = { knex, keys: deps.keys, jobs: deps.jobs, config: deps.config };
  const actor = (req: Request, res: Response): StaffActor => ({ type: 'staff', id: currentStaff(res).id, requestId: requestId(req) });

  // Roles that read personal data say so, and that a second person must approve them.
  const roleItems = (res: Response) =>
    STAFF_ROLES.map((role) => ({ value: role, label: res.locals.t(`staff.roles.${role}`), hint: readsPersonalData(role) ? res.locals.t('staffAccess.roleNeedsApproval') : undefined }));
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

  async function userPage(req: Request, res: Response, id: number, errors?: FormErrors): Promise<void> {
    const user = await findStaffById(knex, id);
    const pendingRole = (await pendingRequestFor(knex, { staffId: id }))?.role;
    res.status(errors ? 400 : 200).render('staff/users/show', {
      layout: 'staff',
      title: user?.display_name,
      user,
      roleItems: roleItems(res),
      values: { role: user?.role },
      errors,
      pendingRole,
      self: id === currentStaff(res).id,
      saved: errors ? undefined : req.query.saved,
    });
  }

  router.get('/users', ...guard, async (_req: Request, res: Response) => {
    res.render('staff/users/index', { layout: 'staff', title: res.locals.t('staff.users.title'), users: await listStaff(knex), requests: await pendingAccessRequests(knex) });
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
    const added = await addStaff(access, { email, display_name: displayName, role, language }, actor(req, res));
    if ('problem' in added) {
      newUserPage(res, req.body as Record<string, unknown>, fieldError('email', added.problem === 'emailTaken' ? 'staff.errors.emailTaken' : 'staffAccess.errors.alreadyRequested'));
      return;
    }
    if (added.kind === 'requested') {
      res.status(202).render('staff/users/requested', { layout: 'staff', title: res.locals.t('staffAccess.requested.title'), email, role });
      return;
    }
    res.status(201).render('staff/users/link', { layout: 'staff', title: res.locals.t('staff.users.linkTitle'), link: setupLink(deps.config.publicUrl, added.token), hours: SETUP_LINK_HOURS, email });
  });

  // Before /users/:id, which would otherwise take "requests" for an id.
  router.get('/users/requests', ...approverGuard, async (req: Request, res: Response) => {
    const me = currentStaff(res).id;
    const requests = (await pendingAccessRequests(knex)).map((request) => ({ ...request, mine: request.requested_by === me || request.staff_id === me }));
    res.render('staff/users/requests', { layout: 'staff', title: res.locals.t('staffAccess.requests.title'), requests, done: req.query.done === 'approved' || req.query.done === 'refused' ? req.query.done : undefined });
  });

  for (const decision of ['approve', 'refuse'] as const) {
    router.post(`/users/requests/:request/${decision}`, ...approverGuard, async (req: Request, res: Response) => {
      const params = requestParams.safeParse(req.params);
      if (!params.success) throw createHttpError(404);
      const result = await decideAccessRequest(access, params.data.request, decision, actor(req, res));
      if ('problem' in result) {
        const me = currentStaff(res).id;
        const requests = (await pendingAccessRequests(knex)).map((request) => ({ ...request, mine: request.requested_by === me || request.staff_id === me }));
        res.status(result.problem === 'notFound' ? 404 : 409).render('staff/users/requests', { layout: 'staff', title: res.locals.t('staffAccess.requests.title'), requests, problem: `staffAccess.problems.${result.problem}` });
        return;
      }
      res.redirect(303, `/staff/users/requests?done=${result.outcome}`);
    });
  }

  router.get('/users/:id', ...guard, async (req: Request, res: Response) => {
    await userPage(req, res, await userId(req));
  });

  router.post('/users/:id/role', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    const parsed = validate(roleForm, req.body);
    if (!parsed.ok || id === currentStaff(res).id) {
      await userPage(req, res, id, parsed.ok ? fieldError('role', 'staff.errors.ownRole') : parsed.errors);
      return;
    }
    const result = await requestRoleChange(access, id, parsed.data.role, actor(req, res));
    if ('problem' in result) {
      await userPage(req, res, id, fieldError('role', 'staffAccess.errors.alreadyRequested'));
      return;
    }
    res.redirect(303, `/staff/users/${String(id)}?saved=${result.kind === 'requested' ? 'requested' : 'role'}`);
  });

  router.post('/users/:id/disable', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    if (id === currentStaff(res).id) throw createHttpError(400);
    await setDisabled(access, id, true, actor(req, res));
    res.redirect(303, `/staff/users/${String(id)}?saved=disabled`);
  });

  router.post('/users/:id/enable', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    await setDisabled(access, id, false, actor(req, res));
    res.redirect(303, `/staff/users/${String(id)}?saved=enabled`);
  });

  router.post('/users/:id/sessions', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    // One's own sessions end from the account page, which keeps this browser signed in.
    if (id === currentStaff(res).id) throw createHttpError(400);
    await endAllSessions(access, id, actor(req, res));
    res.redirect(303, `/staff/users/${String(id)}?saved=sessions`);
  });

  router.post('/users/:id/reset', ...guard, async (req: Request, res: Response) => {
    const id = await userId(req);
    if (id === currentStaff(res).id) throw createHttpError(400);
    const user = await findStaffById(knex, id);
    const reissued = await reissueSetupLink(access, id, actor(req, res));
    if (!reissued || !user) throw createHttpError(404);
    if (reissued.kind === 'mailed') {
      res.render('staff/users/link-sent', { layout: 'staff', title: res.locals.t('staffAccess.linkSent.title'), user, hours: SETUP_LINK_HOURS });
      return;
    }
    res.render('staff/users/link', { layout: 'staff', title: res.locals.t('staff.users.linkTitle'), link: setupLink(deps.config.publicUrl, reissued.token), hours: SETUP_LINK_HOURS, email: user.email });
  });

  return router;
}
