/** POST /staff/cases/:reference/messages: a message to the citizen (a standard text, the officer's own, or both), with files. */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { filesFrom } from '../../../http/uploads.ts';
import { validate } from '../../../http/validation.ts';
import { fileProblemErrors } from '../../attachments/present.ts';
import { messageForm } from '../schemas.ts';
import { sendStaffMessage } from '../service.ts';
import { caseReference, posted, staffUploader, type CaseworkPageDeps } from './context.ts';
import { renderCase } from './show.ts';

export function sendMessage(deps: CaseworkPageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = caseReference(req);
    const parsed = validate(messageForm, req.body);
    if (!parsed.ok) {
      await renderCase(deps, req, res, { errors: parsed.errors, values: posted(req), status: 400 });
      return;
    }
    const result = await sendStaffMessage(deps, reference, parsed.data.template, parsed.data.body, staffUploader(req, res), filesFrom(req, 'files'));
    if (!result.ok) {
      await renderCase(deps, req, res, { errors: fileProblemErrors('files', result.files, deps.config.uploads), values: posted(req), status: 400 });
      return;
    }
    res.redirect(303, `${pathTo('staff.cases.show', { reference })}?done=message#messages`);
  };
}
