/**
 * /staff/cases/:reference/publication: the anonymised decision's editor (GET), saving the draft (POST), approving
 * it as the second supervisor and withdrawing it. Every POST answers with the editor again or a redirect to it.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { FormErrors } from '../../../http/validation.ts';
import { validate } from '../../../http/validation.ts';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { currentStaff } from '../../staff/auth.ts';
import { presentEditor } from '../presenters/editor.ts';
import { draftForm, referenceParams } from '../schemas.ts';
import { approve, editorState, prepare, publicationLanguage, withdraw, type PublicationDeps } from '../service.ts';

function referenceOf(req: Request): string {
  const parsed = referenceParams.safeParse(req.params);
  if (!parsed.success) throw createHttpError(404);
  return parsed.data.reference;
}

function actorOf(req: Request, res: Response) {
  return { id: currentStaff(res).id, requestId: requestId(req) };
}

async function render(
  deps: PublicationDeps,
  req: Request,
  res: Response,
  shown: { status?: number; errors?: FormErrors; posted?: Record<string, unknown> } = {},
) {
  const reference = referenceOf(req);
  const state = await editorState(deps, reference, actorOf(req, res));
  if (state === 'noDecision') {
    const { t } = res.locals;
    const caseHref = pathTo('staff.cases.show', { reference });
    res.render('staff/cases/publication', { layout: 'staff', title: t('publications.staff.title', { reference }), reference, caseHref, noDecision: true });
    return;
  }
  const view = presentEditor(res.locals.t, state, currentStaff(res).id, shown.posted);
  res.status(shown.status ?? 200).render('staff/cases/publication', { ...view, errors: shown.errors, saved: req.query.saved === '1' });
}

export function publicationEditor(deps: PublicationDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await render(deps, req, res);
  };
}

export function publicationSave(deps: PublicationDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = referenceOf(req);
    const posted = req.body as Record<string, unknown>;
    const state = await publicationLanguage(deps, reference);
    if (state === 'noDecision') throw createHttpError(409);
    const parsed = validate(draftForm(state), posted);
    if (!parsed.ok) {
      await render(deps, req, res, { status: 422, errors: parsed.errors, posted });
      return;
    }
    const { text, summary_ky, summary_ru, summary_en, extraTerms } = parsed.data;
    await prepare(deps, reference, { text, summaries: { ky: summary_ky, ru: summary_ru, en: summary_en }, extraTerms }, actorOf(req, res));
    res.redirect(303, `${pathTo('staff.cases.publication', { reference })}?saved=1`);
  };
}

const single = (field: string, key: string): FormErrors => {
  const error = { field, key, values: {} };
  return { list: [error], byField: { [field]: error } };
};

export function publicationApprove(deps: PublicationDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = referenceOf(req);
    const outcome = await approve(deps, reference, actorOf(req, res));
    if (outcome === 'approved') {
      res.redirect(303, `${pathTo('staff.cases.publication', { reference })}?saved=1`);
      return;
    }
    const key = outcome === 'samePerson' ? 'publications.errors.samePerson' : 'publications.errors.notDraft';
    await render(deps, req, res, { status: outcome === 'samePerson' ? 403 : 409, errors: single('approve', key) });
  };
}

export function publicationWithdraw(deps: PublicationDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const reference = referenceOf(req);
    const done = await withdraw(deps, reference, actorOf(req, res));
    if (!done) {
      await render(deps, req, res, { status: 409, errors: single('withdraw', 'publications.errors.notPublished') });
      return;
    }
    res.redirect(303, `${pathTo('staff.cases.publication', { reference })}?saved=1`);
  };
}
