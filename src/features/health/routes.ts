/** Probes for orchestrators and monitoring: liveness, readiness, Prometheus metrics. No session, no i18n. */
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { Metrics } from '../../http/metrics.ts';
import { checkReadiness } from './service.ts';

export function healthRoutes(deps: { knex: Knex; metrics: Metrics }): Router {
  const router = Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    const readiness = await checkReadiness(deps.knex);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  router.get('/metrics', deps.metrics.endpoint);
  return router;
}
