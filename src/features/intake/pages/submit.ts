/** POST /{lang}/<journey>/new/check: sending the answers (idempotent), then off to the receipt. */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { discardDraft, existingDraft } from '../drafts.ts';
import { firstUnanswered, type Journey } from '../journey.ts';
import { stepHref } from '../presenters/step.ts';
import { submitJourney, type IntakeDeps } from '../service.ts';
import { renderCheck } from './check.ts';
import { renderStart } from './start.ts';
import { posted } from './step-form.ts';

/** A field people never see: a form that fills it was filled by a script. */
const HONEYPOT = 'website';

export function submit(journey: Journey, deps: IntakeDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const body = posted(req);
    const draft = existingDraft(req.session, journey);
    const params = { lang, journey: journey.path };
    if (req.staleForm) {
      // Sent from a page open too long: nothing is sent; the answers are shown again to send with one click,
      // or, if the session that held them ended, the journey starts again (or a saved copy is resumed).
      if (draft && !firstUnanswered(journey, draft.answers)) await renderCheck(res, journey, deps, draft, { status: 403, stale: { lost: false } });
      else renderStart(req, res, journey, { status: 403, stale: { lost: true } });
      return;
    }
    if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') {
      res.status(400).render('errors/400', { title: t('errors.badRequest.title') });
      return;
    }
    if (!draft) {
      // Already submitted (the back button, a double click): show the receipt again.
      res.redirect(303, pathTo(req.session.receipt?.type === journey.type ? 'intake.receipt' : 'intake.start', params));
      return;
    }
    const pending = firstUnanswered(journey, draft.answers);
    if (pending) {
      res.redirect(303, stepHref(lang, journey, pending.id));
      return;
    }
    await submitJourney(deps, journey, draft, lang, requestId(req));
    req.session.receipt = { type: journey.type, token: draft.token };
    discardDraft(req.session, journey);
    res.redirect(303, pathTo('intake.receipt', params));
  };
}
