/** POST /staff/cases/:reference/transitions: moves the case on, with what the transition requires (and files). */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import { pathTo } from '../../../http/paths.ts';
import { filesFrom } from '../../../http/uploads.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { fileProblemErrors } from '../../attachments/present.ts';
import { transitionChoice, transitionFormFor } from '../schemas.ts';
import { applyTransition } from '../service.ts';
import { caseReference, posted, staffUploader, type CaseworkPageDeps } from './context.ts';
import { renderCase } from './show.ts';

function notAllowed(problem: string): FormErrors {
  const error = { field: 'actions', key: problem === 'same_person' ? 'casework.errors.samePerson' : 'casework.errors.transitionNotAllowed', values: {} };
  return { list: [error], byField: { actions: error } };
}

export function transitionCase(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = caseReference(req);
    const choice = validate(transitionChoice, req.body);
    if (!choice.ok) throw createHttpError(400);
    const id = choice.data.transition;
    const parsed = validate(transitionFormFor(id), req.body);
    if (!parsed.ok) {
      await renderCase(deps, req, res, { errors: parsed.errors, values: posted(req), transition: id, status: 400 });
      return;
    }
    const result = await applyTransition(deps, reference, id, parsed.data, staffUploader(req, res), filesFrom(req, 'files'));
    if (result.ok) {
      res.redirect(303, `${pathTo('staff.cases.show', { reference })}?done=${id}`);
      return;
    }
    if (result.problem === 'forbidden') throw createHttpError(403);
    if (result.problem === 'files') {
      await renderCase(deps, req, res, {
        errors: fileProblemErrors('files', result.files, deps.config.uploads),
        values: posted(req),
        transition: id,
        status: 400,
      });
      return;
    }
    await renderCase(deps, req, res, { errors: notAllowed(result.problem), values: {}, status: 409 });
  };
}
