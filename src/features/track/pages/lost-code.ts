/**
 * A lost access code: asking for a reset link (answered the same way whatever was typed), and using one, which
 * shows the new code once (cases/lost-code.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { keepFormPage } from '../../../http/form-page-cache.ts';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { requestAccessCodeReset, resetAccessCode } from '../../cases/lost-code.ts';
import type { TrackDeps } from '../deps.ts';
import { lostCodeForm, resetParams } from '../schemas.ts';

export function lostCodePage(_req: Request, res: Response): void {
  const { lang, t } = res.locals;
  const breadcrumbs = [
    { text: t('common.home'), href: pathTo('home', { lang }) },
    { text: t('track.title'), href: pathTo('track.signIn', { lang }) },
    { text: t('track.lost.title') },
  ];
  keepFormPage(res);
  res.render('track/lost', { title: t('track.lost.title'), values: {}, breadcrumbs });
}

export function lostCodePost(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const result = validate(lostCodeForm, req.body);
    if (!result.ok) {
      res.status(400).render('track/lost', { title: t('track.lost.title'), values: req.body as Record<string, unknown>, errors: result.errors });
      return;
    }
    await requestAccessCodeReset(deps, result.data.reference, result.data.email, lang, requestId(req));
    res.render('track/lost-sent', { title: t('track.lost.sentTitle') });
  };
}

/** The page a reset link opens: the code is replaced only when the citizen presses its button (a POST). */
export function resetPage(req: Request, res: Response, next: NextFunction): void {
  const params = resetParams.safeParse(req.params);
  if (!params.success) {
    next();
    return;
  }
  res.render('track/reset', { title: res.locals.t('track.reset.title'), token: params.data.token });
}

export function resetPost(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const params = resetParams.safeParse(req.params);
    if (!params.success) {
      next();
      return;
    }
    const result = await resetAccessCode(deps, params.data.token, requestId(req));
    res.set('Cache-Control', 'no-store');
    if (!result) {
      res.status(410).render('track/reset-expired', { title: res.locals.t('track.reset.expiredTitle') });
      return;
    }
    res.render('track/new-code', { title: res.locals.t('track.reset.doneTitle'), reference: result.reference, code: result.code });
  };
}
