/**
 * /{lang}/<journey>/new: a journey's start page, and starting again (the draft and its files discarded).
 * `?organisation=<registration number>` on the complaint's start page offers to start a complaint about that
 * organisation (from its register entry).
 */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { discardDraftFiles } from '../draft-files.ts';
import { discardDraft, existingDraft } from '../drafts.ts';
import type { Journey } from '../journey.ts';
import type { Stale } from '../presenters/step.ts';
import { presentStartPage } from '../presenters/start.ts';
import { organisationNamed, type IntakeDeps } from '../service.ts';
import type { NamedOrganisation } from '../../register/service.ts';

const VIEWS: Record<Journey['type'], string> = {
  complaint: 'intake/complaint-start',
  report: 'intake/report-start',
  breach: 'intake/breach-start',
  registration: 'intake/registration-start',
};

export function renderStart(
  req: Request,
  res: Response,
  journey: Journey,
  shown: { status?: number; stale?: Stale; organisation?: NamedOrganisation } = {},
): void {
  const { lang, t } = res.locals;
  const answers = existingDraft(req.session, journey)?.answers;
  res
    .status(shown.status ?? 200)
    .render(VIEWS[journey.type], presentStartPage({ t, lang, journey, answers, stale: shown.stale, organisation: shown.organisation }));
}

export function startPage(journey: Journey, deps: Pick<IntakeDeps, 'knex'>) {
  return async (req: Request, res: Response): Promise<void> => {
    const organisation = journey.type === 'complaint' ? await organisationNamed(deps, req.query, res.locals.lang) : undefined;
    renderStart(req, res, journey, { organisation });
  };
}

export function startAgain(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const draft = existingDraft(req.session, journey);
    if (draft) await discardDraftFiles(deps.knex, draft.token);
    discardDraft(req.session, journey);
    res.redirect(303, pathTo('intake.start', { lang: res.locals.lang, journey: journey.path }));
  };
}
