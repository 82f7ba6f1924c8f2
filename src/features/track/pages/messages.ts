/** The citizen writes to the Agency, with files; refused files and an empty message re-show the case page. */
import type { Request, RequestHandler, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { filesFrom, uploadClientKey } from '../../../http/uploads.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { fileProblemErrors } from '../../attachments/present.ts';
import { sendCitizenMessage } from '../../cases/citizen-messages.ts';
import type { TrackDeps } from '../deps.ts';
import { messageForm } from '../schemas.ts';
import { signedInCaseId } from '../session.ts';
import { renderCase } from './case.ts';
import { formError } from './errors.ts';

export function sendMessage(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const stripMetadata = body.stripMetadata === 'yes';
    const parsed = validate(messageForm, body);
    const uploads = filesFrom(req, 'files');
    const fail = (errors: FormErrors) => renderCase(deps, req, res, { errors, values: body, stripMetadata });
    if (!parsed.ok) {
      await fail(parsed.errors);
      return;
    }
    if (!parsed.data.body && uploads.length === 0) {
      await fail(formError('track.errors.emptyMessage', ['body']));
      return;
    }
    const result = await sendCitizenMessage(deps, signedInCaseId(req), parsed.data.body, uploads, requestId(req), {
      stripMetadata,
      clientKey: uploadClientKey(req),
    });
    if (!result.ok) {
      // No problem with the files means the case closed meanwhile.
      await fail(result.problems.length > 0 ? fileProblemErrors('files', result.problems, deps.config.uploads) : formError('track.errors.closed', ['body']));
      return;
    }
    res.redirect(303, `${pathTo('track.case', { lang: res.locals.lang })}#messages`);
  };
}
