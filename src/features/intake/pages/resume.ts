/** /{lang}/drafts/resume: one page for every journey (the code says which); the saved draft opens in a new session. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { regenerateSession } from '../../../http/session.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { firstUnanswered, type Journey } from '../journey.ts';
import { presentResumePage } from '../presenters/save.ts';
import { stepHref } from '../presenters/step.ts';
import { findDraftByCode } from '../saved-drafts.ts';
import type { IntakeDeps } from '../service.ts';

const resumeForm = z.object({
  code: z.string({ error: 'intake.resume.errors.code' }).trim().min(1, 'intake.resume.errors.code').max(80, 'intake.resume.errors.notFound'),
});

/** One answer for a wrong, an unknown, an expired and an overlong code; the code typed is not shown again. */
function notFound(days: number): FormErrors {
  const error = { field: 'code', key: 'intake.resume.errors.notFound', values: { count: days } };
  return { list: [error], byField: { code: error } };
}

function renderResume(res: Response, days: number, errors?: FormErrors, status = 200): void {
  const { lang, t } = res.locals;
  res.status(status).render('intake/resume', presentResumePage({ t, lang, errors, days }));
}

export function resumePage(deps: Pick<IntakeDeps, 'draftDays'>) {
  return (_req: Request, res: Response): void => {
    renderResume(res, deps.draftDays);
  };
}

export function resume(journeys: readonly Journey[], deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = validate(resumeForm, req.body);
    if (!parsed.ok) {
      const overlong = parsed.errors.byField.code?.key === 'intake.resume.errors.notFound';
      renderResume(res, deps.draftDays, overlong ? notFound(deps.draftDays) : parsed.errors, 400);
      return;
    }
    const found = await findDraftByCode(deps, parsed.data.code);
    const journey = found && journeys.find((candidate) => candidate.type === found.journey);
    if (!found || !journey) {
      renderResume(res, deps.draftDays, notFound(deps.draftDays), 400);
      return;
    }
    // The saved answers open in a new session (as a sign-in would), keeping other forms in progress.
    const others = req.session.intake;
    await regenerateSession(req);
    req.session.intake = { ...others, [journey.type]: { token: found.token, answers: found.answers, prefill: found.prefill, savedId: found.id } };
    res.redirect(303, stepHref(res.locals.lang, journey, firstUnanswered(journey, found.answers)?.id ?? 'check'));
  };
}
