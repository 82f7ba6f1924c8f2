/**
 * /{lang}/complaints|reports|breaches/new/…: the three intake journeys, saving them to finish later, and the
 * receipt; /{lang}/drafts/resume: coming back to a saved form.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { UploadParser } from '../../http/uploads.ts';
import { JOURNEYS } from './case-answers.ts';
import { intakeHandlers, type IntakeDeps } from './handlers.ts';
import { receiptHandlers, type ReceiptSite } from './receipt.ts';
import { resumeHandlers, saveHandlers } from './save-handlers.ts';

/** The journey forms whose handlers show a stale submission again instead of refusing it (Request.staleForm). */
const STALE_AWARE = new RegExp(`^/(${JOURNEYS.map((journey) => `${journey.path}/new/(${['save-step', 'save', ...journey.steps.map((step) => step.id)].join('|')})`).join('|')})$`);

/**
 * Mounted right after the session's CSRF check: a journey form posted with a token that is no longer valid
 * (its page was open too long, or the session ended) goes on to its handler marked `staleForm`, which stores
 * nothing from it and shows it again with a new token. Every other refusal goes on to the error pages.
 * Cross-site posts never get here: they are refused before the session is read.
 */
export function recoverStaleJourneyForms(err: unknown, req: Request, _res: Response, next: NextFunction): void {
  if ((err as { code?: unknown } | undefined)?.code === 'EBADCSRFTOKEN' && req.method === 'POST' && STALE_AWARE.test(req.path)) {
    req.staleForm = true;
    next();
    return;
  }
  next(err);
}

export function intakeRoutes(deps: IntakeDeps & { limiter: RateLimiter; site: ReceiptSite; uploadParser: UploadParser }): Router {
  const router = Router({ mergeParams: true });
  // Submissions per client address: generous for a family or an office, a wall for a script.
  const submissions = deps.limiter.limit({ name: 'case-submissions', windowMs: 60 * 60 * 1000, limit: 20 });
  // Receipt e-mails per client address: they go to addresses nobody has verified.
  const receiptEmails = deps.limiter.limit({ name: 'receipt-emails', windowMs: 60 * 60 * 1000, limit: 5 });
  // Resume codes are tried like case sign-ins: per client address.
  const resumeAttempts = deps.limiter.limit({ name: 'draft-resume-ip', windowMs: 15 * 60 * 1000, limit: 20 });
  const noStore = (_req: Request, res: Response, next: () => void): void => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  for (const journey of JOURNEYS) {
    const handlers = intakeHandlers(journey, deps);
    const receipt = receiptHandlers(journey, deps, deps.site);
    const saving = saveHandlers(journey, deps);
    const base = `/${journey.path}`;
    // Files are read only on the steps that take them, after the session and CSRF check (app.ts).
    const uploads = deps.uploadParser.accept({ fields: ['evidence', ...journey.steps.flatMap((step) => (step.fileField ? [step.fileField.name] : []))] });
    router.get(`${base}/new`, handlers.start);
    router.post(`${base}/new/start-again`, handlers.startAgain);
    router.get(`${base}/new/check`, noStore, handlers.showCheck);
    router.post(`${base}/new/check`, submissions, handlers.submit);
    router.post(`${base}/new/save-step`, uploads, handlers.saveStepForLater);
    router.get(`${base}/new/save`, noStore, saving.showSave);
    router.post(`${base}/new/save`, saving.save);
    router.get(`${base}/new/:step`, noStore, handlers.showStep);
    router.post(`${base}/new/:step`, uploads, handlers.saveStep);
    router.get(`${base}/submitted`, noStore, handlers.receipt);
    router.post(`${base}/submitted/email`, noStore, receiptEmails, receipt.email);
    router.post(`${base}/submitted/download`, noStore, receipt.download);
  }
  const resume = resumeHandlers(JOURNEYS, deps);
  router.get('/drafts/resume', noStore, resume.show);
  router.post('/drafts/resume', resumeAttempts, resume.resume);
  return router;
}
