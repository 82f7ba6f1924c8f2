/**
 * The intake journeys over HTTP, for any Journey definition: a start page, one page per step (validated
 * with its schema, errors in the page language, every other answer kept), evidence uploads, check your
 * answers, idempotent submission, and the receipt that shows the access code once.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import type { Config, Language } from '../../config.ts';
import { bishkekToday } from '../../lib/dates.ts';
import { collectDateParts } from '../../http/date-fields.ts';
import { requestId } from '../../http/logging.ts';
import { filesFrom, uploadClientKey } from '../../http/uploads.ts';
import { validate, type FieldError, type FormErrors } from '../../http/validation.ts';
import { ACCEPT_ATTRIBUTE } from '../attachments/file-check.ts';
import { fileProblemErrors, presentFile } from '../attachments/present.ts';
import { deleteDraftAttachment, deleteDraftAttachments, deleteDraftAttachmentsFor, draftAttachments } from '../attachments/repository.ts';
import { prepareUploads, storeUploads, UploadQuotaExceeded, type AttachmentDeps } from '../attachments/service.ts';
import { takeReceipt } from '../cases/citizen.ts';
import type { CaseKeys } from '../cases/keys.ts';
import { submitCase, type SubmissionDeps } from '../cases/submission.ts';
import { fieldViews, presentAnswers } from './answers.ts';
import { discardDraft, draftFor, existingDraft, IDLE_MINUTES, keepDraft, type Draft } from './drafts.ts';
import { applicableAnswers, applicableSteps, firstUnanswered, nextStep, previousStep, schemaFor, type Journey, type Step, type StepContext } from './journey.ts';
import { renderReceipt } from './receipt.ts';
import { forgetSavedDraft, refreshSavedDraft } from './saved-drafts.ts';
import { breachCase, complaintCase, reportCase } from './submission.ts';

export interface IntakeDeps {
  knex: Knex;
  submission: SubmissionDeps;
  attachments: AttachmentDeps;
  keys: CaseKeys;
  uploads: Config['uploads'];
  /** The portal's address, for the link in the resume-code e-mail. */
  publicUrl: string;
}

/** How a page shown again after its token went stale explains itself (see Request.staleForm). */
interface Stale {
  /** Answers of earlier pages are gone with the session that held them. */
  lost: boolean;
}

const HONEYPOT = 'website';

function fieldError(field: string, key: string, values: Record<string, string | number> = {}): FormErrors {
  const error: FieldError = { field, key, values };
  return { list: [error], byField: { [field]: error } };
}

/** Both forms' problems in one summary, the fields' own first. */
function mergeErrors(first: FormErrors | undefined, second: FormErrors | undefined): FormErrors {
  return { list: [...(first?.list ?? []), ...(second?.list ?? [])], byField: { ...second?.byField, ...first?.byField } };
}

function stepUrl(lang: Language, journey: Journey, step: string): string {
  return `/${lang}/${journey.path}/new/${step}`;
}

/** Values for the form: stored answers, or prefill, or defaults (dates and counts are shaped by fieldViews). */
function formValues(step: Step, draft: Draft, lang: Language): Record<string, unknown> {
  const stored = draft.answers[step.id] ?? draft.prefill?.[step.id];
  return { preferredLanguage: lang, ...(stored ?? {}) };
}

export function intakeHandlers(journey: Journey, deps: IntakeDeps) {
  const context = (res: Response, draft: Draft): StepContext => ({ t: res.locals.t, lang: res.locals.lang, answers: draft.answers, today: bishkekToday() });

  function breadcrumbs(res: Response) {
    return [{ text: res.locals.t('common.home'), href: `/${res.locals.lang}/` }, { text: res.locals.t(journey.titleKey) }];
  }

  /** Reports may be anonymous (decided after the evidence step): their photos always lose hidden information. */
  const alwaysStripsMetadata = journey.type === 'report';

  /** The "remove hidden information from my photos" box: ticked unless the citizen unticked it in the form just posted. */
  function stripsMetadata(req: Request): boolean {
    if (alwaysStripsMetadata || req.method === 'GET') return true;
    return (req.body as Record<string, unknown> | undefined)?.stripMetadata === 'yes';
  }

  async function renderStep(req: Request, res: Response, step: Step, draft: Draft, values: Record<string, unknown>, errors?: FormErrors, status = 200, stale?: Stale): Promise<void> {
    const { lang, t } = res.locals;
    const keptUntil = keepDraft(draft, lang);
    const previous = previousStep(journey, draft.answers, step.id);
    const stepContext = context(res, draft);
    const files = step.kind === 'evidence' || step.fileField ? await draftAttachments(deps.knex, draft.token) : [];
    res.status(status).render('intake/step', {
      title: t(step.titleKey),
      journeyTitle: t(journey.titleKey),
      journey: journey.type,
      stepPartial: step.kind === 'evidence' ? 'intake/evidence' : `intake/${journey.type}/${step.id}`,
      action: stepUrl(lang, journey, step.id) + (req.query.change === '1' ? '?change=1' : ''),
      multipart: step.kind === 'evidence' || Boolean(step.fileField),
      backHref: previous ? stepUrl(lang, journey, previous.id) : `/${lang}/${journey.path}/new`,
      values,
      errors,
      fields: fieldViews(step, t, values, errors),
      extra: step.extra?.(stepContext) ?? {},
      files: files.filter((file) => (step.kind === 'evidence' ? file.purpose === 'evidence' : file.purpose === step.fileField?.purpose)).map(presentFile),
      upload: { accept: ACCEPT_ATTRIBUTE, stripMetadata: stripsMetadata(req), stripChoice: !alwaysStripsMetadata, maxBytes: deps.uploads.maxFileBytes, maxMegabytes: Math.round(deps.uploads.maxFileBytes / (1024 * 1024)) },
      maxFiles: deps.uploads.maxFiles,
      maxMegabytes: Math.round(deps.uploads.maxFileBytes / (1024 * 1024)),
      stepNumber: applicableSteps(journey, draft.answers).findIndex((candidate) => candidate.id === step.id) + 1,
      stepCount: applicableSteps(journey, draft.answers).length,
      keptUntil,
      saveAction: `/${lang}/${journey.path}/new/save-step?step=${step.id}`,
      stale,
      idleMinutes: IDLE_MINUTES,
    });
  }

  /**
   * A step posted with a stale token: nothing it carried is saved, but what was typed is shown again in the
   * (possibly new) session, with a new token, so one click goes on; it is also offered again if the citizen
   * must first answer earlier pages that were lost with the old session.
   */
  async function staleStep(req: Request, res: Response, step: Step): Promise<void> {
    const draft = draftFor(req, journey);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = step.kind === 'form' ? collectDateParts(body, step.dateFields ?? []) : {};
    if (step.kind === 'form' && draft.answers[step.id] === undefined) {
      const names = new Set((step.fields ?? []).map((field) => field.name));
      draft.prefill = { ...draft.prefill, [step.id]: Object.fromEntries(Object.entries(values).filter(([name]) => names.has(name))) };
    }
    const earlier = applicableSteps(journey, draft.answers).filter((candidate) => candidate.kind === 'form');
    const index = earlier.findIndex((candidate) => candidate.id === step.id);
    const lost = earlier.slice(0, index === -1 ? earlier.length : index).some((candidate) => draft.answers[candidate.id] === undefined);
    await renderStep(req, res, step, draft, values, undefined, 403, { lost });
  }

  function afterSave(req: Request, res: Response, draft: Draft, step: Step): void {
    const { lang } = res.locals;
    const pending = firstUnanswered(journey, draft.answers);
    if (req.query.change === '1' && !pending) {
      res.redirect(303, stepUrl(lang, journey, 'check'));
      return;
    }
    const next = nextStep(journey, draft.answers, step.id);
    res.redirect(303, stepUrl(lang, journey, next?.id ?? 'check'));
  }

  /**
   * Stores the files posted in `field` for the draft: all of them, or none with a message per refused file.
   * `replace` swaps the field's earlier file (a single-file question) in the same transaction.
   */
  async function saveFiles(req: Request, draft: Draft, field: string, purpose: string, limit: number, replace = false): Promise<FormErrors | undefined> {
    const received = filesFrom(req, field);
    if (received.length === 0) return undefined;
    const existing = replace ? 0 : (await draftAttachments(deps.knex, draft.token)).filter((file) => file.purpose === purpose).length;
    const { accepted, problems } = await prepareUploads(deps.attachments, received, { stripMetadata: stripsMetadata(req), room: limit - existing });
    const limits = { maxFiles: limit, maxFileBytes: deps.uploads.maxFileBytes, quotas: deps.uploads.quotas };
    if (problems.length > 0) return fileProblemErrors(field, problems, limits);
    const owner = { caseId: null, draftToken: draft.token, uploadedBy: journey.type === 'breach' ? ('organisation' as const) : ('citizen' as const), purpose };
    try {
      await deps.knex.transaction(async (trx) => {
        if (replace) await deleteDraftAttachmentsFor(trx, draft.token, purpose);
        await storeUploads(deps.attachments, trx, accepted, owner, { quotas: deps.uploads.quotas, clientKey: uploadClientKey(req) });
      });
    } catch (error) {
      if (error instanceof UploadQuotaExceeded) return fileProblemErrors(field, [error.problem], limits);
      throw error;
    }
    return undefined;
  }

  async function renderCheck(res: Response, draft: Draft, status = 200, stale?: Stale): Promise<void> {
    const { lang, t } = res.locals;
    const keptUntil = keepDraft(draft, lang);
    const sections = presentAnswers(journey, draft.answers, { t, lang }, applicableSteps(journey, draft.answers)).map((section) => ({
      ...section,
      changeHref: `${stepUrl(lang, journey, section.step)}?change=1`,
    }));
    const files = await draftAttachments(deps.knex, draft.token);
    res.status(status).render('intake/check', {
      title: t('intake.steps.check'),
      journeyTitle: t(journey.titleKey),
      sections,
      files,
      filesChangeHref: `${stepUrl(lang, journey, 'evidence')}?change=1`,
      action: stepUrl(lang, journey, 'check'),
      backHref: stepUrl(lang, journey, previousStep(journey, draft.answers, 'check')?.id ?? journey.steps[0]?.id ?? ''),
      journey: journey.type,
      keptUntil,
      saveHref: `/${lang}/${journey.path}/new/save`,
      stale,
      idleMinutes: IDLE_MINUTES,
    });
  }

  function renderStart(req: Request, res: Response, status = 200, stale?: Stale): void {
    const { lang, t } = res.locals;
    const draft = existingDraft(req, journey);
    res.status(status).render(`intake/${journey.type}-start`, {
      title: t(journey.titleKey),
      startHref: stepUrl(lang, journey, journey.steps[0]?.id ?? 'check'),
      resumeHref: draft && Object.keys(draft.answers).length > 0 ? stepUrl(lang, journey, firstUnanswered(journey, draft.answers)?.id ?? 'check') : undefined,
      startAgainAction: `/${lang}/${journey.path}/new/start-again`,
      resumeSavedHref: `/${lang}/drafts/resume`,
      breadcrumbs: breadcrumbs(res),
      stale,
      idleMinutes: IDLE_MINUTES,
    });
  }

  return {
    start: (req: Request, res: Response): void => {
      renderStart(req, res);
    },

    startAgain: async (req: Request, res: Response): Promise<void> => {
      const draft = existingDraft(req, journey);
      // Starting again discards the draft's files, bytes and all, not only the answers.
      if (draft) await deleteDraftAttachments(deps.knex, draft.token);
      discardDraft(req, journey);
      res.redirect(303, `/${res.locals.lang}/${journey.path}/new`);
    },

    showStep: async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const step = journey.steps.find((candidate) => candidate.id === req.params.step);
      if (!step || step.kind === 'check') {
        next();
        return;
      }
      const draft = draftFor(req, journey);
      const { lang } = res.locals;
      const pending = firstUnanswered(journey, draft.answers);
      const steps = applicableSteps(journey, draft.answers);
      const index = steps.findIndex((candidate) => candidate.id === step.id);
      // A step that does not apply, or one beyond the first unanswered: go where the user should be.
      if (index === -1 || (pending && index > steps.indexOf(pending))) {
        res.redirect(303, stepUrl(lang, journey, pending?.id ?? 'check'));
        return;
      }
      await renderStep(req, res, step, draft, formValues(step, draft, lang));
    },

    saveStep: async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const step = journey.steps.find((candidate) => candidate.id === req.params.step);
      if (!step || step.kind === 'check') {
        next();
        return;
      }
      if (req.staleForm) {
        await staleStep(req, res, step);
        return;
      }
      const draft = draftFor(req, journey);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (step.kind === 'evidence') {
        if (typeof body.remove === 'string') {
          await deleteDraftAttachment(deps.knex, draft.token, body.remove);
          res.redirect(303, stepUrl(res.locals.lang, journey, step.id));
          return;
        }
        const errors = await saveFiles(req, draft, 'evidence', 'evidence', deps.uploads.maxFiles);
        if (errors) {
          await renderStep(req, res, step, draft, {}, errors, 400);
          return;
        }
        if (body.upload !== undefined) {
          res.redirect(303, stepUrl(res.locals.lang, journey, step.id));
          return;
        }
        afterSave(req, res, draft, step);
        return;
      }
      const input = collectDateParts(body, step.dateFields ?? []);
      const schema = schemaFor(step, draft.answers);
      const result = schema ? validate(schema, input) : { ok: true as const, data: {} };
      // A file chosen with the form is kept even when another answer needs correcting: a browser cannot
      // fill a file input again, so refusing it with the form would lose it.
      const fileErrors = step.fileField ? await saveFiles(req, draft, step.fileField.name, step.fileField.purpose, 1, true) : undefined;
      if (!result.ok || fileErrors) {
        await renderStep(req, res, step, draft, input, mergeErrors(result.ok ? undefined : result.errors, fileErrors), 400);
        return;
      }
      const problem = await step.verify?.(result.data, deps.knex);
      if (problem) {
        await renderStep(req, res, step, draft, input, fieldError(problem.field, problem.key), 400);
        return;
      }
      draft.answers[step.id] = result.data;
      if (draft.prefill?.[step.id]) draft.prefill = Object.fromEntries(Object.entries(draft.prefill).filter(([id]) => id !== step.id));
      if (draft.savedId) await refreshSavedDraft(deps, draft.savedId, draft);
      afterSave(req, res, draft, step);
    },

    /**
     * "Save and finish later" on a step: what the step holds is kept (as answers when valid, otherwise as
     * values to show again), then the save page asks where to send the resume code.
     */
    saveStepForLater: async (req: Request, res: Response): Promise<void> => {
      const { lang } = res.locals;
      const step = journey.steps.find((candidate) => candidate.id === req.query.step && candidate.kind !== 'check');
      if (req.staleForm) {
        if (step) await staleStep(req, res, step);
        else renderStart(req, res, 403, { lost: true });
        return;
      }
      const draft = draftFor(req, journey);
      // Files chosen with the form are kept with the saved draft too (a browser cannot fill a file input again).
      const files = step?.kind === 'evidence' ? { name: 'evidence', purpose: 'evidence', limit: deps.uploads.maxFiles, replace: false } : step?.fileField ? { ...step.fileField, limit: 1, replace: true } : undefined;
      if (step && files) {
        const fileErrors = await saveFiles(req, draft, files.name, files.purpose, files.limit, files.replace);
        if (fileErrors) {
          await renderStep(req, res, step, draft, step.kind === 'form' ? collectDateParts((req.body ?? {}) as Record<string, unknown>, step.dateFields ?? []) : {}, fileErrors, 400);
          return;
        }
      }
      if (step?.kind === 'form') {
        const input = collectDateParts((req.body ?? {}) as Record<string, unknown>, step.dateFields ?? []);
        const schema = schemaFor(step, draft.answers);
        const result = schema ? validate(schema, input) : undefined;
        if (result?.ok && !(await step.verify?.(result.data, deps.knex))) {
          draft.answers[step.id] = result.data;
          if (draft.prefill?.[step.id]) draft.prefill = Object.fromEntries(Object.entries(draft.prefill).filter(([id]) => id !== step.id));
        } else {
          const names = new Set((step.fields ?? []).map((field) => field.name));
          draft.prefill = { ...draft.prefill, [step.id]: Object.fromEntries(Object.entries(input).filter(([name]) => names.has(name))) };
        }
      }
      res.redirect(303, `/${lang}/${journey.path}/new/save`);
    },

    showCheck: async (req: Request, res: Response): Promise<void> => {
      const draft = draftFor(req, journey);
      const pending = firstUnanswered(journey, draft.answers);
      if (pending) {
        res.redirect(303, stepUrl(res.locals.lang, journey, pending.id));
        return;
      }
      await renderCheck(res, draft);
    },

    submit: async (req: Request, res: Response): Promise<void> => {
      const { lang, t } = res.locals;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const draft = existingDraft(req, journey);
      if (req.staleForm) {
        // Sent from a page open too long: nothing is sent; the answers are shown again to send with one click,
        // or, if the session that held them ended, the journey starts again (or a saved copy is resumed).
        if (draft && !firstUnanswered(journey, draft.answers)) await renderCheck(res, draft, 403, { lost: false });
        else renderStart(req, res, 403, { lost: true });
        return;
      }
      if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') {
        res.status(400).render('errors/400', { title: t('errors.badRequest.title') });
        return;
      }
      if (!draft) {
        // Already submitted (the back button, a double click): show the receipt again.
        res.redirect(303, req.session.receipt?.type === journey.type ? `/${lang}/${journey.path}/submitted` : `/${lang}/${journey.path}/new`);
        return;
      }
      const pending = firstUnanswered(journey, draft.answers);
      if (pending) {
        res.redirect(303, stepUrl(lang, journey, pending.id));
        return;
      }
      const answers = applicableAnswers(journey, draft.answers);
      const base = { submissionToken: draft.token, requestId: requestId(req) };
      const newCase = journey.type === 'complaint' ? complaintCase(answers, base, lang) : journey.type === 'report' ? reportCase(answers, base, lang) : breachCase(answers, base, lang);
      await submitCase(deps.submission, newCase);
      if (draft.savedId) await forgetSavedDraft(deps.knex, draft.savedId);
      req.session.receipt = { type: journey.type, token: draft.token };
      discardDraft(req, journey);
      res.redirect(303, `/${lang}/${journey.path}/submitted`);
    },

    receipt: async (req: Request, res: Response): Promise<void> => {
      const { lang } = res.locals;
      const token = req.session.receipt?.type === journey.type ? req.session.receipt.token : undefined;
      const receipt = token ? await takeReceipt(deps, token) : undefined;
      if (!receipt) {
        res.redirect(303, `/${lang}/${journey.path}/new`);
        return;
      }
      renderReceipt(res, journey, receipt);
    },
  };
}
