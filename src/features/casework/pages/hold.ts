/** POST /staff/cases/:reference/hold: a supervisor puts the case under a legal hold, or lifts it, with a reason. */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { changeLegalHold } from '../../retention/service.ts';
import { holdForm } from '../schemas.ts';
import { caseReference, posted, staffActor, type CaseworkPageDeps } from './context.ts';
import { renderCase } from './show.ts';

export function changeHold(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = caseReference(req);
    const parsed = validate(holdForm, req.body);
    if (!parsed.ok) {
      await renderCase(deps, req, res, { errors: parsed.errors, values: posted(req), status: 400 });
      return;
    }
    const actor = staffActor(req, res);
    const found = await changeLegalHold(deps.knex, reference, { hold: parsed.data.hold === 'set', reason: parsed.data.holdReason }, actor);
    if (!found) throw createHttpError(404);
    res.redirect(303, `${pathTo('staff.cases.show', { reference })}?done=hold#retention`);
  };
}
