/** /staff/users/requests: access requests waiting for a second person, who approves or refuses each. */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { pathTo } from '../../../../http/paths.ts';
import { decideAccessRequest, waitingRequests, type Decision } from '../../access-requests.ts';
import { currentStaff } from '../../auth.ts';
import { presentAccessRequests } from '../../presenters/access-requests.ts';
import { decisionDoneKey, decisionProblemKey } from '../../presenters/notices.ts';
import { requestParams } from '../../schemas.ts';
import type { UsersDeps } from '../deps.ts';
import { actor } from './shared.ts';

async function requestsView(knex: Knex, res: Response): Promise<Record<string, unknown>> {
  const requests = presentAccessRequests(await waitingRequests(knex), currentStaff(res).id);
  return { layout: 'staff', title: res.locals.t('staffAccess.requests.title'), requests };
}

export function requestsPage({ knex }: UsersDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    res.render('staff/users/requests', { ...(await requestsView(knex, res)), doneKey: decisionDoneKey(req.query.done) });
  };
}

export function decideRequestPost(deps: UsersDeps, decision: Decision) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = requestParams.safeParse(req.params);
    if (!params.success) throw createHttpError(404);
    const result = await decideAccessRequest(deps, params.data.request, decision, actor(req, res));
    if ('problem' in result) {
      const status = result.problem === 'notFound' ? 404 : 409;
      res.status(status).render('staff/users/requests', { ...(await requestsView(deps.knex, res)), problemKey: decisionProblemKey(result.problem) });
      return;
    }
    res.redirect(303, `${pathTo('staff.users.requests')}?done=${result.outcome}`);
  };
}
