/** Probes for orchestrators and monitoring: liveness, readiness, Prometheus metrics. No session, no i18n. */
import { Router } from 'express';
import type { Knex } from 'knex';
import type { Metrics } from '../../http/metrics.ts';
import { routePath } from '../../http/paths.ts';
import { livenessProbe, readinessProbe } from './pages/probes.ts';

export function healthRoutes(deps: { knex: Knex; metrics: Metrics }): Router {
  const router = Router();
  router.get(routePath('probes.live'), livenessProbe);
  router.get(routePath('probes.ready'), readinessProbe(deps.knex));
  router.get(routePath('probes.metrics'), deps.metrics.endpoint);
  return router;
}
