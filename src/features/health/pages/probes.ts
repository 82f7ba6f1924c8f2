/** Probes for orchestrators and monitoring: liveness and readiness. No session, no i18n, JSON only. */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { checkReadiness } from '../service.ts';

export function livenessProbe(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}

export function readinessProbe(knex: Knex) {
  return async (_req: Request, res: Response): Promise<void> => {
    const readiness = await checkReadiness(knex);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  };
}
