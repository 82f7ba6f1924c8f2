/** /{lang}/<journey>/new: a journey's start page, and starting again (the draft and its files discarded). */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { discardDraftFiles } from '../draft-files.ts';
import { discardDraft, existingDraft } from '../drafts.ts';
import type { Journey } from '../journey.ts';
import type { Stale } from '../presenters/step.ts';
import { presentStartPage } from '../presenters/start.ts';
import type { IntakeDeps } from '../service.ts';

const VIEWS: Record<Journey['type'], string> = {
  complaint: 'intake/complaint-start',
  report: 'intake/report-start',
  breach: 'intake/breach-start',
};

export function renderStart(req: Request, res: Response, journey: Journey, shown: { status?: number; stale?: Stale } = {}): void {
  const { lang, t } = res.locals;
  const answers = existingDraft(req.session, journey)?.answers;
  res.status(shown.status ?? 200).render(VIEWS[journey.type], presentStartPage({ t, lang, journey, answers, stale: shown.stale }));
}

export function startPage(journey: Journey) {
  return (req: Request, res: Response): void => {
    renderStart(req, res, journey);
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
