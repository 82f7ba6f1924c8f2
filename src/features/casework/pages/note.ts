/** POST /staff/cases/:reference/notes: an internal note (staff only). */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { noteForm } from '../schemas.ts';
import { addNote } from '../service.ts';
import { caseReference, posted, staffActor, type CaseworkPageDeps } from './context.ts';
import { renderCase } from './show.ts';

export function saveNote(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = caseReference(req);
    const parsed = validate(noteForm, req.body);
    if (!parsed.ok) {
      await renderCase(deps, req, res, { errors: parsed.errors, values: posted(req), status: 400 });
      return;
    }
    await addNote(deps, reference, parsed.data.note, staffActor(req, res));
    res.redirect(303, `${pathTo('staff.cases.show', { reference })}?done=note#notes`);
  };
}
