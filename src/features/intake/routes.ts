/** /{lang}/complaints|reports|breaches/new/…: the three intake journeys, and the receipt. */
import { Router, type Request, type Response } from 'express';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { UploadParser } from '../../http/uploads.ts';
import { breachJourney } from './breach.ts';
import { complaintJourney } from './complaint.ts';
import { intakeHandlers, type IntakeDeps } from './handlers.ts';
import { receiptHandlers, type ReceiptSite } from './receipt.ts';
import type { Journey } from './journey.ts';
import { reportJourney } from './report.ts';

export const JOURNEYS: readonly Journey[] = [complaintJourney, reportJourney, breachJourney];

export function intakeRoutes(deps: IntakeDeps & { limiter: RateLimiter; site: ReceiptSite; uploadParser: UploadParser }): Router {
  const router = Router({ mergeParams: true });
  // Submissions per client address: generous for a family or an office, a wall for a script.
  const submissions = deps.limiter.limit({ name: 'case-submissions', windowMs: 60 * 60 * 1000, limit: 20 });
  // Receipt e-mails per client address: they go to addresses nobody has verified.
  const receiptEmails = deps.limiter.limit({ name: 'receipt-emails', windowMs: 60 * 60 * 1000, limit: 5 });
  const noStore = (_req: Request, res: Response, next: () => void): void => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  for (const journey of JOURNEYS) {
    const handlers = intakeHandlers(journey, deps);
    const receipt = receiptHandlers(journey, deps, deps.site);
    const base = `/${journey.path}`;
    // Files are read only on the steps that take them, after the session and CSRF check (app.ts).
    const uploads = deps.uploadParser.accept({ fields: ['evidence', ...journey.steps.flatMap((step) => (step.fileField ? [step.fileField.name] : []))] });
    router.get(`${base}/new`, handlers.start);
    router.post(`${base}/new/start-again`, handlers.startAgain);
    router.get(`${base}/new/check`, noStore, handlers.showCheck);
    router.post(`${base}/new/check`, submissions, handlers.submit);
    router.get(`${base}/new/:step`, noStore, handlers.showStep);
    router.post(`${base}/new/:step`, uploads, handlers.saveStep);
    router.get(`${base}/submitted`, noStore, handlers.receipt);
    router.post(`${base}/submitted/email`, noStore, receiptEmails, receipt.email);
    router.post(`${base}/submitted/download`, noStore, receipt.download);
  }
  return router;
}
