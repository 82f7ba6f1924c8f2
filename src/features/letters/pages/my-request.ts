/**
 * /{lang}/my-request: a kept letter found by its code — typed into the form (POST) or carried by the short link
 * (/{lang}/my-request/{code}, whose code never reaches the logs) — with the days left, "you can complain now" once
 * they have run out, and the letter to print again. Wrong codes are rate-limited per address.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import { validate } from '../../../http/validation.ts';
import type { ContentCache } from '../../content/cache.ts';
import { presentMyRequest, presentMyRequestSignIn } from '../presenters/my-request.ts';
import { requestCodeForm } from '../schemas.ts';
import { buildLetter, letterTemplate } from '../service.ts';
import { openTrackedRequest, type TrackingDeps } from '../tracking.ts';

type MyRequestDeps = Pick<TrackingDeps, 'knex' | 'keys' | 'replyDays'> & { content: ContentCache };

export function myRequestSignIn() {
  return (_req: Request, res: Response): void => {
    res.render('letters/my-request-sign-in', presentMyRequestSignIn(res.locals.t, res.locals.lang));
  };
}

const notFound = { field: 'code', key: 'letters.myRequest.errors.notFound', values: {} };

async function showRequest(deps: MyRequestDeps, res: Response, typed: string): Promise<void> {
  const { lang, t } = res.locals;
  res.set('Cache-Control', 'no-store');
  const request = await openTrackedRequest(deps, typed);
  if (!request) {
    // A 4xx counts against the address's limit on wrong codes.
    res.status(404).render('letters/my-request-sign-in', presentMyRequestSignIn(t, lang, {}, { list: [notFound], byField: { code: notFound } }));
    return;
  }
  const template = await letterTemplate(deps.content, request.form.letterLanguage);
  if (!template) throw createHttpError(503);
  res.render('letters/my-request', presentMyRequest(t, lang, request, buildLetter(request.form, template, deps.replyDays)));
}

export function myRequestByCode(deps: MyRequestDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const result = validate(requestCodeForm, req.body);
    if (!result.ok) {
      res.status(400).render('letters/my-request-sign-in', presentMyRequestSignIn(t, lang, {}, result.errors));
      return;
    }
    await showRequest(deps, res, result.data.code);
  };
}

export function myRequestByLink(deps: MyRequestDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await showRequest(deps, res, typeof req.params.code === 'string' ? req.params.code : '');
  };
}
