/** GET /staff/cases?view=organisations: the queue's cases for its filters, grouped by organisation, a page at a time. */
import type { Request, Response } from 'express';
import { bishkekToday } from '../../../lib/dates.ts';
import { presentGroupsPage } from '../presenters/queue-groups.ts';
import type { QueueInput } from '../presenters/queue.ts';
import { GROUP_PAGE_SIZE, type QueueQuery } from '../schemas.ts';
import { groupQueueByOrganisation } from '../service.ts';
import { staffActor, type CaseworkPageDeps } from './context.ts';
import { toFilter } from './queue.ts';

export async function renderGroups(deps: CaseworkPageDeps, req: Request, res: Response, query: QueueQuery, input: QueueInput): Promise<void> {
  const actor = staffActor(req, res);
  const filter = toFilter({ ...query, after: undefined }, actor.id, bishkekToday());
  const groups = await groupQueueByOrganisation(deps, filter, { number: query.page ?? 1, size: GROUP_PAGE_SIZE }, actor);
  res.render('staff/cases/organisations', presentGroupsPage({ ...input, lang: res.locals.lang }, groups, query, GROUP_PAGE_SIZE));
}
