/** POST /staff/cases/assign: the ticked cases of the queue given to one officer (or to nobody). */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { bulkAssignForm } from '../schemas.ts';
import { assign } from '../service.ts';
import { posted, staffActor, type CaseworkPageDeps } from './context.ts';
import { renderQueue } from './queue.ts';

export function bulkAssign(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = validate(bulkAssignForm, req.body);
    if (!parsed.ok) {
      await renderQueue(deps, req, res, { errors: parsed.errors, posted: posted(req) });
      return;
    }
    const { cases, assignTo, returnTo } = parsed.data;
    const count = await assign(deps, cases.map(Number), assignTo === 'none' ? null : Number(assignTo), staffActor(req, res));
    // returnTo is the queue with its filters (the schema accepts nothing else).
    const back = returnTo ?? pathTo('staff.cases.index');
    res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}assigned=${String(count)}`);
  };
}
