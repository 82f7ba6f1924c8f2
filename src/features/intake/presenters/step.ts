/** A journey step's page: its form (questions, values, errors), files, progress, and the ways back and on. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { ACCEPT_ATTRIBUTE } from '../../attachments/file-check.ts';
import { fieldViews } from '../answers.ts';
import type { DraftFile } from '../draft-files.ts';
import { IDLE_MINUTES } from '../drafts.ts';
import { amendsOf } from '../registration-case.ts';
import { applicableSteps, previousStep, type Answers, type Journey, type Step } from '../journey.ts';

/** How a page shown again after its token went stale explains itself (see Request.staleForm). */
export interface Stale {
  /** Answers of earlier pages are gone with the session that held them. */
  lost: boolean;
}

export interface StepPageInput {
  t: Translate;
  lang: Language;
  journey: Journey;
  step: Step;
  answers: Answers;
  /** What the form shows: stored answers, prefill, or what was just posted. */
  values: Record<string, unknown>;
  errors?: FormErrors;
  /** The draft's files (those of this step are listed). */
  files: readonly DraftFile[];
  uploads: { maxFileBytes: number; maxFiles: number };
  /** Whether the "remove hidden information from my photos" box is ticked. */
  stripMetadata: boolean;
  /** Opened from "check your answers": saving goes back there. */
  change: boolean;
  keptUntil: string;
  today: string;
  stale?: Stale;
}

/** The address of a step (or of "check your answers") in a journey. */
export function stepHref(lang: Language, journey: Journey, step: string): string {
  return pathTo('intake.step', { lang, journey: journey.path, step });
}

function stepFiles(step: Step, files: readonly DraftFile[]): DraftFile[] {
  return files.filter((file) => (step.kind === 'evidence' ? file.purpose === 'evidence' : file.purpose === step.fileField?.purpose));
}

/** A request letter carried over from a kept request, shown on the step that asks about the earlier contact. */
function carriedFiles(step: Step, files: readonly DraftFile[]): DraftFile[] {
  return files.filter((file) => step.fileField?.alsoLists?.includes(file.purpose));
}

function uploadView(input: StepPageInput) {
  const maxMegabytes = Math.round(input.uploads.maxFileBytes / (1024 * 1024));
  // Reports may be anonymous (decided after the evidence step): their photos always lose hidden information.
  const stripChoice = input.journey.type !== 'report';
  return { accept: ACCEPT_ATTRIBUTE, stripMetadata: input.stripMetadata, stripChoice, maxBytes: input.uploads.maxFileBytes, maxMegabytes };
}

/** The step's view: its questions, wrapped in the step page (views/partials/intake/step-page.hbs). */
export function stepView(journey: Journey, step: Step): string {
  return step.kind === 'evidence' ? 'intake/evidence' : `intake/${journey.type}/${step.id}`;
}

export function presentStepPage(input: StepPageInput) {
  const { t, lang, journey, step, answers } = input;
  const previous = previousStep(journey, answers, step.id);
  const steps = applicableSteps(journey, answers);
  const evidence = step.kind === 'evidence';
  const upload = uploadView(input);
  return {
    title: t(step.titleKey),
    journeyTitle: t(journey.titleKey),
    isEvidence: evidence,
    action: stepHref(lang, journey, step.id) + (input.change ? '?change=1' : ''),
    multipart: evidence || Boolean(step.fileField),
    backHref: previous ? stepHref(lang, journey, previous.id) : pathTo('intake.start', { lang, journey: journey.path }),
    values: input.values,
    errors: input.errors,
    fields: fieldViews(step, t, input.values, input.errors),
    extra: step.extra?.({ t, lang, answers, today: input.today }) ?? {},
    files: stepFiles(step, input.files),
    carriedFiles: carriedFiles(step, input.files),
    upload,
    maxFiles: input.uploads.maxFiles,
    maxMegabytes: upload.maxMegabytes,
    stepNumber: steps.findIndex((candidate) => candidate.id === step.id) + 1,
    stepCount: steps.length,
    keptUntil: input.keptUntil,
    saveAction: `${pathTo('intake.saveStep', { lang, journey: journey.path })}?step=${encodeURIComponent(step.id)}`,
    stale: input.stale,
    idleMinutes: IDLE_MINUTES,
    suggestHref: step.picker ? pathTo('register.suggest', { lang }) : undefined,
    amending: amendsOf(answers)?.registrationNumber,
  };
}
