/**
 * /{lang}/track/case/deregister: the holder signed in to their registration case asks to remove the entry from
 * the register. The request is a new case (its own reference and access code, shown on the register's receipt
 * page); staff approving it mark the entry ceased.
 */
import type { Request, RequestHandler, Response } from 'express';
import createHttpError from 'http-errors';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import { deregistrationFor, requestDeregistration, type Deregistration } from '../../intake/deregistration.ts';
import type { TrackDeps } from '../deps.ts';
import { presentDeregisterPage } from '../presenters/deregister.ts';
import { signedInCaseId } from '../session.ts';

function render(res: Response, request: Deregistration, form: { values: Record<string, unknown>; errors?: FormErrors }, status = 200): void {
  const { t, lang } = res.locals;
  res.status(status).render('track/deregister', presentDeregisterPage({ t, lang }, request, form));
}

async function requestOf(deps: TrackDeps, req: Request): Promise<Deregistration> {
  const request = await deregistrationFor(deps.knex, signedInCaseId(req));
  if (!request) throw createHttpError(404);
  return request;
}

export function deregisterPage(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    render(res, await requestOf(deps, req), { values: {} });
  };
}

export function deregisterPost(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const request = await requestOf(deps, req);
    const submission = { knex: deps.knex, jobs: deps.jobs, keys: deps.keys, deadlines: deps.config.deadlines };
    const { lang } = res.locals;
    const result = await requestDeregistration(submission, request, req.body as Record<string, unknown>, { lang, requestId: requestId(req) });
    if (result.ok) {
      req.session.receipt = { type: 'registration', token: result.submissionToken, deregistration: true };
      res.redirect(303, pathTo('intake.receipt', { lang, journey: 'register' }));
      return;
    }
    if ('pending' in result) render(res, { ...request, pending: result.pending }, { values: {} }, 409);
    else render(res, request, result, 400);
  };
}
