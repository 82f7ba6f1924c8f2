/** /{lang}/<journey>/new/<step>: one page per step, validated with its schema, every other answer kept. */
import type { NextFunction, Request, Response } from 'express';
import { keepFormPage } from '../../../http/form-page-cache.ts';
import { validate, type FieldError, type FormErrors } from '../../../http/validation.ts';
import { removeDraftFile } from '../draft-files.ts';
import { draftFor, existingDraft, newDraft, type Draft } from '../drafts.ts';
import { applicableSteps, firstUnanswered, nextStep, schemaFor, type Journey, type Step } from '../journey.ts';
import { stepHref } from '../presenters/step.ts';
import { answerStep, verifyStep, type IntakeDeps } from '../service.ts';
import { chosenOrganisation, isChoice, settleOrganisation } from './organisation-pick.ts';
import { postedValues, postFiles, posted, renderStep, showStaleStep } from './step-form.ts';

/** The step a URL names (not "check your answers", which has its own page). */
function stepOf(req: Request, journey: Journey): Step | undefined {
  const step = journey.steps.find((candidate) => candidate.id === req.params.step);
  return step && step.kind !== 'check' ? step : undefined;
}

function fieldError(field: string, key: string): FormErrors {
  const error: FieldError = { field, key, values: {} };
  return { list: [error], byField: { [field]: error } };
}

/** Both forms' problems in one summary, the fields' own first. */
function mergeErrors(first: FormErrors | undefined, second: FormErrors | undefined): FormErrors {
  return { list: [...(first?.list ?? []), ...(second?.list ?? [])], byField: { ...second?.byField, ...first?.byField } };
}

/** On to the next step, or back to "check your answers" when the step was changed from there. */
function goOn(req: Request, res: Response, journey: Journey, draft: Draft, step: Step): void {
  const { lang } = res.locals;
  if (req.query.change === '1' && !firstUnanswered(journey, draft.answers)) {
    res.redirect(303, stepHref(lang, journey, 'check'));
    return;
  }
  res.redirect(303, stepHref(lang, journey, nextStep(journey, draft.answers, step.id)?.id ?? 'check'));
}

export function showStep(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const step = stepOf(req, journey);
    if (!step) {
      next();
      return;
    }
    // Showing a step stores nothing: a visitor's draft (and session) begins with their first answers.
    const existing = existingDraft(req.session, journey);
    const draft = existing ?? newDraft();
    // Before any answer the page holds nothing of the visitor: the same for all of them but for its token.
    if (!existing) keepFormPage(res);
    const { lang } = res.locals;
    const pending = firstUnanswered(journey, draft.answers);
    const steps = applicableSteps(journey, draft.answers);
    const index = steps.findIndex((candidate) => candidate.id === step.id);
    // A step that does not apply, or one beyond the first unanswered: go where the user should be.
    if (index === -1 || (pending && index > steps.indexOf(pending))) {
      res.redirect(303, stepHref(lang, journey, pending?.id ?? 'check'));
      return;
    }
    // Stored answers, or prefill, or defaults (dates and counts are shaped by the presenter).
    const values = { preferredLanguage: lang, ...(draft.answers[step.id] ?? draft.prefill?.[step.id] ?? {}) };
    await renderStep(req, res, journey, deps, { step, draft, values });
  };
}

/** The evidence step: remove a file, add files and stay, or go on. */
async function postEvidence(req: Request, res: Response, journey: Journey, deps: IntakeDeps, draft: Draft, step: Step): Promise<void> {
  const body = posted(req);
  if (typeof body.remove === 'string') {
    await removeDraftFile(deps.knex, draft.token, body.remove);
    res.redirect(303, stepHref(res.locals.lang, journey, step.id));
    return;
  }
  const errors = await postFiles(req, journey, deps, draft, step);
  if (errors) {
    await renderStep(req, res, journey, deps, { step, draft, values: {}, errors, status: 400 });
    return;
  }
  if (body.upload !== undefined) {
    res.redirect(303, stepHref(res.locals.lang, journey, step.id));
    return;
  }
  goOn(req, res, journey, draft, step);
}

async function postForm(req: Request, res: Response, journey: Journey, deps: IntakeDeps, draft: Draft, step: Step): Promise<void> {
  const input = postedValues(req, step);
  const schema = schemaFor(step, draft.answers);
  const result = schema ? validate(schema, input) : { ok: true as const, data: {} };
  // A file chosen with the form is kept even when another answer needs correcting: a browser cannot
  // fill a file input again, so refusing it with the form would lose it.
  const fileErrors = await postFiles(req, journey, deps, draft, step);
  if (!result.ok || fileErrors) {
    await renderStep(req, res, journey, deps, {
      step,
      draft,
      values: input,
      errors: mergeErrors(result.ok ? undefined : result.errors, fileErrors),
      status: 400,
    });
    return;
  }
  const problem = await verifyStep(deps, step, result.data, draft.answers);
  if (problem) {
    await renderStep(req, res, journey, deps, { step, draft, values: input, errors: fieldError(problem.field, problem.key), status: 400 });
    return;
  }
  const data = step.picker ? await settleOrganisation(req, res, journey, deps, draft, step, result.data) : result.data;
  if (!data) return;
  await answerStep(deps, draft, step, data);
  goOn(req, res, journey, draft, step);
}

/** The organisation picker's results step answered. */
async function postChoice(req: Request, res: Response, journey: Journey, deps: IntakeDeps, draft: Draft, step: Step): Promise<void> {
  const data = await chosenOrganisation(req, res, journey, deps, draft, step);
  if (!data) return;
  await answerStep(deps, draft, step, data);
  goOn(req, res, journey, draft, step);
}

export function postStep(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const step = stepOf(req, journey);
    if (!step) {
      next();
      return;
    }
    if (req.staleForm) {
      await showStaleStep(req, res, journey, deps, step);
      return;
    }
    const draft = draftFor(req.session, journey);
    if (step.kind === 'evidence') await postEvidence(req, res, journey, deps, draft, step);
    else if (isChoice(req, step)) await postChoice(req, res, journey, deps, draft, step);
    else await postForm(req, res, journey, deps, draft, step);
  };
}
