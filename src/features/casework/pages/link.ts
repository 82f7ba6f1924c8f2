/** POST /staff/cases/:reference/links: links the case to another (a duplicate, or related). */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { linkForm } from '../schemas.ts';
import { linkCases } from '../service.ts';
import { caseReference, posted, staffActor, type CaseworkPageDeps } from './context.ts';
import { renderCase } from './show.ts';

export function linkCase(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = caseReference(req);
    const parsed = validate(linkForm, req.body);
    if (!parsed.ok) {
      await renderCase(deps, req, res, { errors: parsed.errors, values: posted(req), status: 400 });
      return;
    }
    const result = await linkCases(deps, reference, parsed.data.linkedReference, parsed.data.kind, staffActor(req, res));
    if (result === 'notFound' || result === 'self') {
      const error = { field: 'linkedReference', key: `casework.errors.link.${result}`, values: {} };
      await renderCase(deps, req, res, { errors: { list: [error], byField: { linkedReference: error } }, values: posted(req), status: 400 });
      return;
    }
    res.redirect(303, `${pathTo('staff.cases.show', { reference })}?done=link#links`);
  };
}
