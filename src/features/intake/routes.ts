/**
 * /{lang}/complaints|reports|breaches/new/…: the three intake journeys, saving them to finish later, and the
 * receipt; /{lang}/drafts/resume: coming back to a saved form. Wiring only: the pages are in pages/.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { fillPattern, routePath, type PathName } from '../../http/paths.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { UploadParser } from '../../http/uploads.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { configuredJourneys, JOURNEYS } from './case-answers.ts';
import type { JourneyRules } from './complaint.ts';
import type { Journey } from './journey.ts';
import { checkPage } from './pages/check.ts';
import { complaintFromRegister } from './pages/from-register.ts';
import { downloadCopy, downloadReceipt, emailReceipt, receiptPage } from './pages/receipt.ts';
import { resume, resumePage } from './pages/resume.ts';
import { saveStepForLater } from './pages/save-step.ts';
import { saveForLater, savePage } from './pages/save.ts';
import { startAgain, startPage } from './pages/start.ts';
import { postStep, showStep } from './pages/step.ts';
import { submit } from './pages/submit.ts';
import type { ReceiptSite } from './presenters/receipt.ts';
import type { IntakeDeps } from './service.ts';

/** A journey's own route: the named path with `:journey` filled (`:lang` is the router's). */
function journeyPath(name: PathName, journey: Journey, params: Record<string, string> = {}): string {
  return fillPattern(routePath(name), { journey: journey.path, ...params });
}

/** The journey forms whose handlers show a stale submission again instead of refusing it (Request.staleForm). */
const STALE_AWARE = new Set(
  JOURNEYS.flatMap((journey) => [
    journeyPath('intake.saveStep', journey),
    journeyPath('intake.save', journey),
    ...journey.steps.map((step) => journeyPath('intake.step', journey, { step: step.id })),
  ]),
);

/**
 * Mounted right after the session's CSRF check: a journey form posted with a token that is no longer valid
 * (its page was open too long, or the session ended) goes on to its handler marked `staleForm`, which stores
 * nothing from it and shows it again with a new token. Every other refusal goes on to the error pages.
 * Cross-site posts never get here: they are refused before the session is read.
 */
export function recoverStaleJourneyForms(err: unknown, req: Request, _res: Response, next: NextFunction): void {
  if ((err as { code?: unknown } | undefined)?.code === 'EBADCSRFTOKEN' && req.method === 'POST' && STALE_AWARE.has(req.path)) {
    req.staleForm = true;
    next();
    return;
  }
  next(err);
}

function noStore(_req: Request, res: Response, next: () => void): void {
  res.set('Cache-Control', 'no-store');
  next();
}

type RouteDeps = IntakeDeps & { limiter: RateLimiter; site: ReceiptSite; uploadParser: UploadParser; translator: Translator; rules: JourneyRules };

export function intakeRoutes(deps: RouteDeps): Router {
  const router = Router({ mergeParams: true });
  // Submissions per client address: generous for a family or an office, a wall for a script.
  const submissions = deps.limiter.limit({ name: 'case-submissions', windowMs: 60 * 60 * 1000, limit: 20 });
  // Receipt e-mails per client address: they go to addresses nobody has verified.
  const receiptEmails = deps.limiter.limit({ name: 'receipt-emails', windowMs: 60 * 60 * 1000, limit: 5 });
  // Resume codes are tried like case sign-ins: per client address.
  const resumeAttempts = deps.limiter.limit({ name: 'draft-resume-ip', windowMs: 15 * 60 * 1000, limit: 20 });
  router.post(routePath('intake.fromRegister'), complaintFromRegister(deps));
  const journeys = configuredJourneys(deps.rules);
  for (const journey of journeys) {
    const path = (name: PathName): string => journeyPath(name, journey);
    // Files are read only on the steps that take them, after the session and CSRF check (app.ts).
    const uploads = deps.uploadParser.accept({ fields: ['evidence', ...journey.steps.flatMap((step) => (step.fileField ? [step.fileField.name] : []))] });
    router.get(path('intake.start'), startPage(journey, deps));
    router.post(path('intake.startAgain'), startAgain(journey, deps));
    router.get(path('intake.check'), noStore, checkPage(journey, deps));
    router.post(path('intake.check'), submissions, submit(journey, deps));
    router.post(path('intake.saveStep'), uploads, saveStepForLater(journey, deps));
    router.get(path('intake.save'), noStore, savePage(journey, deps));
    router.post(path('intake.save'), saveForLater(journey, deps));
    router.get(path('intake.step'), noStore, showStep(journey, deps));
    router.post(path('intake.step'), uploads, postStep(journey, deps));
    router.get(path('intake.receipt'), noStore, receiptPage(journey, deps));
    router.post(path('intake.receiptEmail'), noStore, receiptEmails, emailReceipt(journey, deps));
    router.post(path('intake.receiptDownload'), noStore, downloadReceipt(journey, deps, deps.site));
    router.get(path('intake.receiptCopy'), noStore, downloadCopy(journey, deps));
  }
  router.get(routePath('intake.resume'), noStore, resumePage(deps));
  router.post(routePath('intake.resume'), resumeAttempts, resume(journeys, deps));
  return router;
}
