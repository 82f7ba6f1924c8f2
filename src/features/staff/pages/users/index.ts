/** GET /staff/users: every account, and how many access requests are waiting. */
import type { Request, Response } from 'express';
import { waitingRequests } from '../../access-requests.ts';
import { allAccounts } from '../../accounts.ts';
import { presentUsers } from '../../presenters/users.ts';
import type { UsersDeps } from '../deps.ts';

export function usersPage({ knex }: UsersDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const [users, requests] = await Promise.all([allAccounts(knex), waitingRequests(knex)]);
    res.render('staff/users/index', {
      layout: 'staff',
      title: res.locals.t('staff.users.title'),
      users: presentUsers(users),
      pendingRequests: requests.length,
    });
  };
}
