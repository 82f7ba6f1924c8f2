/**
 * What every journey step's form shares: rendering it (also again with errors, or after a stale token), the
 * values posted, and storing the files posted with it.
 */
import type { Request, Response } from 'express';
import { bishkekToday } from '../../../lib/dates.ts';
import { collectDateParts } from '../../../http/date-fields.ts';
import { filesFrom, uploadClientKey } from '../../../http/uploads.ts';
import type { FormErrors } from '../../../http/validation.ts';
import { draftFiles, storeDraftFiles } from '../draft-files.ts';
import { draftFor, keepDraft, keepTyped, type Draft } from '../drafts.ts';
import { applicableSteps, type Journey, type Step } from '../journey.ts';
import { presentStepPage, stepView, type Stale } from '../presenters/step.ts';
import type { IntakeDeps } from '../service.ts';

export function posted(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

/** A form step's posted values, its day / month / year inputs joined. */
export function postedValues(req: Request, step: Step): Record<string, unknown> {
  return step.kind === 'form' ? collectDateParts(posted(req), step.dateFields ?? []) : {};
}

/** The "remove hidden information from my photos" box: ticked unless the citizen unticked it in the form just posted. */
function stripsMetadata(req: Request, journey: Journey): boolean {
  // Reports may be anonymous (decided after the evidence step): their photos always lose hidden information.
  if (journey.type === 'report' || req.method === 'GET') return true;
  return posted(req).stripMetadata === 'yes';
}

interface StepRender {
  step: Step;
  draft: Draft;
  values: Record<string, unknown>;
  errors?: FormErrors;
  status?: number;
  stale?: Stale;
}

export async function renderStep(req: Request, res: Response, journey: Journey, deps: IntakeDeps, shown: StepRender): Promise<void> {
  const { lang, t } = res.locals;
  const { step, draft } = shown;
  const keptUntil = keepDraft(draft, lang);
  const files = step.kind === 'evidence' || step.fileField ? await draftFiles(deps.knex, draft.token) : [];
  const page = presentStepPage({
    t,
    lang,
    journey,
    step,
    answers: draft.answers,
    values: shown.values,
    errors: shown.errors,
    files,
    uploads: deps.uploads,
    stripMetadata: stripsMetadata(req, journey),
    change: req.query.change === '1',
    keptUntil,
    today: bishkekToday(),
    stale: shown.stale,
  });
  res.status(shown.status ?? 200).render(stepView(journey, step), page);
}

/**
 * A step posted with a stale token: nothing it carried is saved, but what was typed is shown again in the
 * (possibly new) session, with a new token, so one click goes on; it is also offered again if the citizen
 * must first answer earlier pages that were lost with the old session.
 */
export async function showStaleStep(req: Request, res: Response, journey: Journey, deps: IntakeDeps, step: Step): Promise<void> {
  const draft = draftFor(req.session, journey);
  const values = postedValues(req, step);
  if (step.kind === 'form' && draft.answers[step.id] === undefined) keepTyped(draft, step, values);
  const earlier = applicableSteps(journey, draft.answers).filter((candidate) => candidate.kind === 'form');
  const index = earlier.findIndex((candidate) => candidate.id === step.id);
  const lost = earlier.slice(0, index === -1 ? earlier.length : index).some((candidate) => draft.answers[candidate.id] === undefined);
  await renderStep(req, res, journey, deps, { step, draft, values, status: 403, stale: { lost } });
}

/** The files a step takes: the evidence step's, or its single-file question's (which replaces the earlier file). */
function stepFileField(step: Step | undefined, maxFiles: number) {
  if (step?.kind === 'evidence') return { name: 'evidence', purpose: 'evidence', limit: maxFiles, replace: false };
  return step?.fileField ? { ...step.fileField, limit: 1, replace: true } : undefined;
}

/** Stores the files posted with a step's form: all of them, or none with a message per refused file. */
export async function postFiles(req: Request, journey: Journey, deps: IntakeDeps, draft: Draft, step: Step): Promise<FormErrors | undefined> {
  const field = stepFileField(step, deps.uploads.maxFiles);
  if (!field) return undefined;
  return storeDraftFiles(deps, {
    draftToken: draft.token,
    received: filesFrom(req, field.name),
    field: field.name,
    purpose: field.purpose,
    limit: field.limit,
    replace: field.replace,
    stripMetadata: stripsMetadata(req, journey),
    clientKey: uploadClientKey(req),
    uploadedBy: journey.type === 'breach' ? 'organisation' : 'citizen',
  });
}
