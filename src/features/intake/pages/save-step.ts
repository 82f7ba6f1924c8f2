/**
 * /{lang}/<journey>/new/save-step?step=…: "Save and finish later" on a step. What the step holds is kept (as
 * answers when valid, otherwise as values to show again), then the save page asks where to send the code.
 */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { draftFor } from '../drafts.ts';
import type { Journey } from '../journey.ts';
import { keepStepForLater, type IntakeDeps } from '../service.ts';
import { renderStart } from './start.ts';
import { postedValues, postFiles, renderStep, showStaleStep } from './step-form.ts';

export function saveStepForLater(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const step = journey.steps.find((candidate) => candidate.id === req.query.step && candidate.kind !== 'check');
    if (req.staleForm) {
      if (step) await showStaleStep(req, res, journey, deps, step);
      else renderStart(req, res, journey, { status: 403, stale: { lost: true } });
      return;
    }
    const draft = draftFor(req.session, journey);
    if (step) {
      // Files chosen with the form are kept with the saved draft too (a browser cannot fill a file input again).
      const fileErrors = await postFiles(req, journey, deps, draft, step);
      if (fileErrors) {
        await renderStep(req, res, journey, deps, { step, draft, values: postedValues(req, step), errors: fileErrors, status: 400 });
        return;
      }
      if (step.kind === 'form') await keepStepForLater(deps, draft, step, postedValues(req, step));
    }
    res.redirect(303, pathTo('intake.save', { lang: res.locals.lang, journey: journey.path }));
  };
}
