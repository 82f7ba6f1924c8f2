/** POST /staff/cases/:reference/assign: a supervisor gives the case to an officer, or an officer takes it. */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { assignForm } from '../schemas.ts';
import { assignByReference } from '../service.ts';
import { caseReference, posted, staffActor, type CaseworkPageDeps } from './context.ts';
import { renderCase } from './show.ts';

export function assignCase(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = caseReference(req);
    const parsed = validate(assignForm, req.body);
    if (!parsed.ok) {
      await renderCase(deps, req, res, { errors: parsed.errors, values: posted(req), status: 400 });
      return;
    }
    await assignByReference(deps, reference, parsed.data.assignee === 'none' ? null : Number(parsed.data.assignee), staffActor(req, res));
    res.redirect(303, `${pathTo('staff.cases.show', { reference })}?done=assign`);
  };
}
