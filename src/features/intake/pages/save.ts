/**
 * /{lang}/<journey>/new/save: saving a form to finish later (an optional e-mail for the code), and the page that
 * shows the code once.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { draftFiles } from '../draft-files.ts';
import { draftFor, existingDraft, hasAnything } from '../drafts.ts';
import { optionalEmail, phoneNumber } from '../fields.ts';
import type { Journey } from '../journey.ts';
import { presentSavedPage, presentSavePage } from '../presenters/save.ts';
import { saveDraftForLater } from '../saved-drafts.ts';
import type { IntakeDeps } from '../service.ts';
import { posted } from './step-form.ts';

const saveForm = z.object({ email: optionalEmail, phone: phoneNumber({ mobile: true }) });

interface SaveShown {
  values?: Record<string, unknown>;
  errors?: FormErrors;
  status?: number;
  stale?: boolean;
}

async function renderSave(req: Request, res: Response, journey: Journey, deps: IntakeDeps, shown: SaveShown = {}): Promise<void> {
  const { lang, t } = res.locals;
  const draft = draftFor(req.session, journey);
  const files = await draftFiles(deps.knex, draft.token);
  const page = presentSavePage({
    t,
    lang,
    journey,
    answers: draft.answers,
    fileCount: files.length,
    values: shown.values ?? {},
    errors: shown.errors,
    stale: shown.stale ?? false,
    days: deps.draftDays,
  });
  res.status(shown.status ?? 200).render('intake/save', page);
}

function toNewForm(res: Response, journey: Journey): void {
  res.redirect(303, pathTo('intake.start', { lang: res.locals.lang, journey: journey.path }));
}

export function savePage(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!hasAnything(existingDraft(req.session, journey))) {
      toNewForm(res, journey);
      return;
    }
    await renderSave(req, res, journey, deps);
  };
}

export function saveForLater(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const body = posted(req);
    const typed = (name: string, max: number) => (typeof body[name] === 'string' ? body[name].slice(0, max) : '');
    const values = { email: typed('email', 254), phone: typed('phone', 40) };
    if (req.staleForm) {
      await renderSave(req, res, journey, deps, { values, status: 403, stale: true });
      return;
    }
    if (!hasAnything(existingDraft(req.session, journey))) {
      toNewForm(res, journey);
      return;
    }
    const parsed = validate(saveForm, body);
    if (!parsed.ok) {
      await renderSave(req, res, journey, deps, { values, errors: parsed.errors, status: 400 });
      return;
    }
    const draft = draftFor(req.session, journey);
    const jobsDeps = { knex: deps.knex, jobs: deps.submission.jobs, keys: deps.keys, publicUrl: deps.publicUrl, days: deps.draftDays };
    const saved = await saveDraftForLater(jobsDeps, {
      journey: journey.type,
      draft,
      lang,
      email: parsed.data.email || undefined,
      phone: parsed.data.phone || undefined,
    });
    draft.savedId = saved.id;
    res.set('Cache-Control', 'no-store');
    res.render(
      'intake/saved',
      presentSavedPage({ t, lang, journey, answers: draft.answers, ...saved, email: parsed.data.email, phone: saved.texted ? parsed.data.phone : '' }),
    );
  };
}
