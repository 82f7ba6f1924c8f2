/**
 * POST /{lang}/complaints/new/from-request: "you can complain now" from a kept request. The complaint draft (in a
 * session from here on) carries the organisation (its register entry when known), the request's date and kind,
 * and the letter itself as a PDF on the "earlier contact" step.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import { pathTo } from '../../../http/paths.ts';
import type { DraftFileDeps } from '../../intake/draft-files.ts';
import { startComplaintFromRequest } from '../../intake/service.ts';
import type { ContentCache } from '../../content/cache.ts';
import { renderLetterPdf } from '../letter-pdf.ts';
import { buildLetter, letterTemplate } from '../service.ts';
import { openTrackedRequest, type TrackingDeps } from '../tracking.ts';

type FromRequestDeps = Pick<TrackingDeps, 'knex' | 'keys' | 'replyDays'> & DraftFileDeps & { content: ContentCache };

export function complaintFromRequest(deps: FromRequestDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang } = res.locals;
    const code: unknown = (req.body as Record<string, unknown>).code;
    const request = typeof code === 'string' ? await openTrackedRequest(deps, code) : undefined;
    if (!request) {
      res.redirect(303, pathTo('letters.myRequest', { lang }));
      return;
    }
    const template = await letterTemplate(deps.content, request.form.letterLanguage);
    if (!template) throw createHttpError(503);
    const pdf = await renderLetterPdf(buildLetter(request.form, template, deps.replyDays));
    const facts = { ...request.form, organisationNumber: request.organisationNumber };
    const opened = await startComplaintFromRequest(deps, req.session, facts, { fileName: 'request-letter.pdf', bytes: pdf });
    res.redirect(303, pathTo('intake.step', { lang, journey: opened.journey, step: opened.step }));
  };
}
