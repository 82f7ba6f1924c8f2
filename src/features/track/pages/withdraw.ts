/** Withdrawing the case: a confirmation page, then the workflow's withdraw transition (cases/citizen.ts). */
import type { Request, RequestHandler, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { withdrawCase } from '../../cases/citizen.ts';
import type { TrackDeps } from '../deps.ts';
import { signedInCaseId } from '../session.ts';

export function withdrawPage(req: Request, res: Response): void {
  res.render('track/withdraw', { title: res.locals.t('track.withdraw.title'), reference: req.session.caseAccess?.reference });
}

export function withdrawPost(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    await withdrawCase(deps, signedInCaseId(req), requestId(req));
    res.redirect(303, pathTo('track.case', { lang: res.locals.lang }));
  };
}
