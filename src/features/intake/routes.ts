/** /{lang}/complaints|reports|breaches/new/…: the three intake journeys, and the receipt. */
import { Router, type Request, type Response } from 'express';
import type { RateLimiter } from '../../http/rate-limit.ts';
import { JOURNEYS } from './case-answers.ts';
import { intakeHandlers, type IntakeDeps } from './handlers.ts';

export function intakeRoutes(deps: IntakeDeps & { limiter: RateLimiter }): Router {
  const router = Router({ mergeParams: true });
  // Submissions per client address: generous for a family or an office, a wall for a script.
  const submissions = deps.limiter.limit({ name: 'case-submissions', windowMs: 60 * 60 * 1000, limit: 20 });
  const noStore = (_req: Request, res: Response, next: () => void): void => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  for (const journey of JOURNEYS) {
    const handlers = intakeHandlers(journey, deps);
    const base = `/${journey.path}`;
    router.get(`${base}/new`, handlers.start);
    router.post(`${base}/new/start-again`, handlers.startAgain);
    router.get(`${base}/new/check`, noStore, handlers.showCheck);
    router.post(`${base}/new/check`, submissions, handlers.submit);
    router.get(`${base}/new/:step`, noStore, handlers.showStep);
    router.post(`${base}/new/:step`, handlers.saveStep);
    router.get(`${base}/submitted`, noStore, handlers.receipt);
  }
  return router;
}
