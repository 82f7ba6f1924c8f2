/**
 * Signing in to the case space. The reference and access code come by POST (never in a URL), and every failure
 * is answered the same way; success opens a new session bound to that one case (../session.ts).
 */
import type { Request, RequestHandler, Response } from 'express';
import { keepFormPage } from '../../../http/form-page-cache.ts';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { signIn } from '../../cases/citizen.ts';
import type { TrackDeps } from '../deps.ts';
import { signInForm } from '../schemas.ts';
import { openCaseSession } from '../session.ts';
import { formError } from './errors.ts';

interface SignInState {
  values?: Record<string, unknown>;
  errors?: FormErrors;
  status?: number;
  notice?: string;
}

/** The sign-in page; `?code=letters` asks for a letter keyboard (codes issued before the digits-only format). */
function renderSignIn(req: Request, res: Response, state: SignInState = {}): void {
  const { lang, t } = res.locals;
  res.status(state.status ?? 200).render('track/sign-in', {
    title: t('track.title'),
    values: state.values ?? {},
    errors: state.errors,
    notice: state.notice,
    letters: req.query.code === 'letters',
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('track.title') }],
  });
}

/** GET: the form, saying why the citizen is back here after a session ended or they signed out. */
export function signInPage(req: Request, res: Response): void {
  const { t } = res.locals;
  const notice = req.query.expired === '1' ? t('track.expired') : req.query.signedOut === '1' ? t('track.signedOut') : undefined;
  keepFormPage(res);
  renderSignIn(req, res, { notice });
}

export function signInPost(deps: TrackDeps): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const result = validate(signInForm, req.body);
    const body = req.body as Record<string, unknown>;
    const values = { reference: typeof body.reference === 'string' ? body.reference.slice(0, 40) : '' };
    if (!result.ok) {
      renderSignIn(req, res, { values, errors: result.errors, status: 400 });
      return;
    }
    const found = await signIn(deps, result.data.reference, result.data.accessCode, requestId(req));
    if (!found) {
      renderSignIn(req, res, { values, errors: formError('track.errors.noMatch', ['reference', 'accessCode']), status: 400 });
      return;
    }
    await openCaseSession(req, found);
    res.redirect(303, pathTo('track.case', { lang: res.locals.lang }));
  };
}
