/**
 * Saving a form to finish later, and coming back to it: the save page (optional e-mail for the code), the
 * page that shows the code once, and the resume page, which opens the saved draft in a new session.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { regenerateSession } from '../../http/session.ts';
import { validate, type FormErrors } from '../../http/validation.ts';
import { draftAttachments } from '../attachments/repository.ts';
import { draftFor, existingDraft, IDLE_MINUTES } from './drafts.ts';
import { optionalEmail } from './fields.ts';
import type { IntakeDeps } from './handlers.ts';
import { firstUnanswered, type Journey } from './journey.ts';
import { findDraftByCode, SAVED_DRAFT_DAYS, saveDraftForLater } from './saved-drafts.ts';

const saveForm = z.object({ email: optionalEmail });
const resumeForm = z.object({ code: z.string({ error: 'intake.resume.errors.code' }).trim().min(1, 'intake.resume.errors.code').max(80, 'intake.resume.errors.notFound') });

function stepUrl(lang: string, journey: Journey, step: string): string {
  return `/${lang}/${journey.path}/new/${step}`;
}

export function saveHandlers(journey: Journey, deps: IntakeDeps) {
  const jobsDeps = { knex: deps.knex, jobs: deps.submission.jobs, keys: deps.keys, publicUrl: deps.publicUrl };

  async function savePage(req: Request, res: Response, values: Record<string, unknown> = {}, errors?: FormErrors, status = 200, stale = false): Promise<void> {
    const { lang, t } = res.locals;
    const draft = draftFor(req, journey);
    const files = await draftAttachments(deps.knex, draft.token);
    res.status(status).render('intake/save', {
      title: t('intake.save.title'),
      journeyTitle: t(journey.titleKey),
      action: `/${lang}/${journey.path}/new/save`,
      backHref: stepUrl(lang, journey, firstUnanswered(journey, draft.answers)?.id ?? 'check'),
      days: SAVED_DRAFT_DAYS,
      fileCount: files.length,
      values,
      errors,
      stale: stale ? { lost: false } : undefined,
      idleMinutes: IDLE_MINUTES,
    });
  }

  function hasAnything(req: Request): boolean {
    const draft = existingDraft(req, journey);
    return Boolean(draft && (Object.keys(draft.answers).length > 0 || Object.keys(draft.prefill ?? {}).length > 0));
  }

  return {
    showSave: async (req: Request, res: Response): Promise<void> => {
      if (!hasAnything(req)) {
        res.redirect(303, `/${res.locals.lang}/${journey.path}/new`);
        return;
      }
      await savePage(req, res);
    },

    save: async (req: Request, res: Response): Promise<void> => {
      const { lang, t } = res.locals;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { email: typeof body.email === 'string' ? body.email.slice(0, 254) : '' };
      if (req.staleForm) {
        await savePage(req, res, values, undefined, 403, true);
        return;
      }
      if (!hasAnything(req)) {
        res.redirect(303, `/${lang}/${journey.path}/new`);
        return;
      }
      const parsed = validate(saveForm, body);
      if (!parsed.ok) {
        await savePage(req, res, values, parsed.errors, 400);
        return;
      }
      const draft = draftFor(req, journey);
      const saved = await saveDraftForLater(jobsDeps, { journey: journey.type, draft, lang, email: parsed.data.email || undefined });
      draft.savedId = saved.id;
      res.set('Cache-Control', 'no-store');
      res.render('intake/saved', {
        title: t('intake.saved.title'),
        journeyTitle: t(journey.titleKey),
        code: saved.code,
        until: saved.expiresAt.toISOString().slice(0, 10),
        email: parsed.data.email,
        resumeHref: `/${lang}/drafts/resume`,
        continueHref: stepUrl(lang, journey, firstUnanswered(journey, draft.answers)?.id ?? 'check'),
      });
    },
  };
}

/** /{lang}/drafts/resume: one page for every journey (the code says which). */
export function resumeHandlers(journeys: readonly Journey[], deps: IntakeDeps) {
  function resumePage(res: Response, values: Record<string, unknown> = {}, errors?: FormErrors, status = 200): void {
    const { lang, t } = res.locals;
    res.status(status).render('intake/resume', {
      title: t('intake.resume.title'),
      days: SAVED_DRAFT_DAYS,
      values,
      errors,
      breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('intake.resume.title') }],
    });
  }

  return {
    show: (_req: Request, res: Response): void => {
      resumePage(res);
    },

    resume: async (req: Request, res: Response): Promise<void> => {
      const { lang } = res.locals;
      const parsed = validate(resumeForm, req.body);
      if (!parsed.ok) {
        resumePage(res, {}, parsed.errors, 400);
        return;
      }
      const found = await findDraftByCode(deps, parsed.data.code);
      const journey = found && journeys.find((candidate) => candidate.type === found.journey);
      if (!found || !journey) {
        // One answer for a wrong, an unknown and an expired code; the code typed is not shown again.
        const error = { field: 'code', key: 'intake.resume.errors.notFound', values: { days: SAVED_DRAFT_DAYS } };
        resumePage(res, {}, { list: [error], byField: { code: error } }, 400);
        return;
      }
      // The saved answers open in a new session (as a sign-in would), keeping other forms in progress.
      const others = req.session.intake;
      await regenerateSession(req);
      req.session.intake = { ...others, [journey.type]: { token: found.token, answers: found.answers, prefill: found.prefill, savedId: found.id } };
      res.redirect(303, stepUrl(lang, journey, firstUnanswered(journey, found.answers)?.id ?? 'check'));
    },
  };
}
