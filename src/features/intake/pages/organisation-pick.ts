/**
 * The organisation picker on a journey step: a name the register may hold is confirmed against it before the
 * step is answered. Picked as you type (the form's hidden `organisationNumber`) it is taken at once; otherwise
 * the register's matches are offered on a results step (radios, and "use the name I typed"), which works without
 * scripts. The step's valid answers wait in the draft meanwhile; nothing else changes until the choice is made.
 */
import type { Request, Response } from 'express';
import type { FieldError } from '../../../http/validation.ts';
import { keepTyped, type Draft } from '../drafts.ts';
import type { Journey, Step } from '../journey.ts';
import { applyChoice, candidatesFor, confirmedPick, exactPick, typedName } from '../organisation-pick.ts';
import { presentPickPage } from '../presenters/organisation-pick.ts';
import type { IntakeDeps } from '../service.ts';
import { posted } from './step-form.ts';

type Values = Record<string, unknown>;

function renderPick(
  req: Request,
  res: Response,
  journey: Journey,
  step: Step,
  shown: { typed: string; candidates: Awaited<ReturnType<typeof candidatesFor>>; status: number; error?: FieldError },
) {
  const { t, lang } = res.locals;
  const errors = shown.error ? { list: [shown.error], byField: { organisationChoice: shown.error } } : undefined;
  const page = presentPickPage({ t, lang, journey, step, typed: shown.typed, candidates: shown.candidates, change: req.query.change === '1', errors });
  res.status(shown.status).render('intake/organisation-pick', page);
}

/**
 * A step's valid answers with the organisation settled: the entry picked, or no entry when the register has none
 * like it. Nothing when the results step was shown instead (the answers wait for the choice).
 */
export async function settleOrganisation(
  req: Request,
  res: Response,
  journey: Journey,
  deps: IntakeDeps,
  draft: Draft,
  step: Step,
  data: Values,
): Promise<Values | undefined> {
  const { lang } = res.locals;
  const picked = await confirmedPick(deps.knex, step, data, posted(req), lang);
  if (picked) return picked;
  const exact = await exactPick(deps.knex, step, data, lang);
  if (exact) return exact;
  const candidates = await candidatesFor(deps.knex, step, data, lang);
  if (candidates.length === 0) return { ...data, organisationNumber: '' };
  draft.pendingPick = { step: step.id, data };
  // "Back" from the results step shows the form as it was sent.
  keepTyped(draft, step, data);
  renderPick(req, res, journey, step, { typed: typedName(step, data), candidates, status: 200 });
  return undefined;
}

/** Whether this post is the results step's choice (not the step's own form). */
export function isChoice(req: Request, step: Step): boolean {
  const body = posted(req);
  return Boolean(step.picker) && (body.pick === '1' || body.organisationChoice !== undefined);
}

/**
 * The results step's choice: the waiting answers with it, or nothing when the page was answered (shown again
 * with a message, or the step's form when nothing waits any more).
 */
export async function chosenOrganisation(
  req: Request,
  res: Response,
  journey: Journey,
  deps: IntakeDeps,
  draft: Draft,
  step: Step,
): Promise<Values | undefined> {
  const { lang } = res.locals;
  const pending = draft.pendingPick?.step === step.id ? draft.pendingPick.data : undefined;
  if (!pending) {
    res.redirect(303, req.originalUrl);
    return undefined;
  }
  const data = await applyChoice(deps.knex, step, pending, posted(req).organisationChoice, lang);
  if (data) {
    draft.pendingPick = undefined;
    return data;
  }
  const candidates = await candidatesFor(deps.knex, step, pending, lang);
  const error: FieldError = { field: 'organisationChoice', key: 'intake.pick.required', values: {} };
  renderPick(req, res, journey, step, { typed: typedName(step, pending), candidates, status: 400, error });
  return undefined;
}
