/** /{lang}/<journey>/new/check: "check your answers", once every step that applies is answered. */
import type { Request, Response } from 'express';
import { draftFiles } from '../draft-files.ts';
import { existingDraft, keepDraft, newDraft, type Draft } from '../drafts.ts';
import { firstUnanswered, type Journey } from '../journey.ts';
import { presentCheckPage } from '../presenters/check.ts';
import { stepHref, type Stale } from '../presenters/step.ts';
import { unregisteredOrganisation, type IntakeDeps } from '../service.ts';

export async function renderCheck(
  res: Response,
  journey: Journey,
  deps: IntakeDeps,
  draft: Draft,
  shown: { status?: number; stale?: Stale } = {},
): Promise<void> {
  const { lang, t } = res.locals;
  const keptUntil = keepDraft(draft, lang);
  const files = await draftFiles(deps.knex, draft.token);
  const notRegistered = await unregisteredOrganisation(deps, journey, draft.answers);
  const page = presentCheckPage({ t, lang, journey, answers: draft.answers, files, keptUntil, stale: shown.stale, notRegistered });
  res.status(shown.status ?? 200).render('intake/check', page);
}

export function checkPage(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    // Only looked at: a visitor without a draft is sent to its first step, and nothing is stored.
    const draft = existingDraft(req.session, journey) ?? newDraft();
    const pending = firstUnanswered(journey, draft.answers);
    if (pending) {
      res.redirect(303, stepHref(res.locals.lang, journey, pending.id));
      return;
    }
    await renderCheck(res, journey, deps, draft);
  };
}
