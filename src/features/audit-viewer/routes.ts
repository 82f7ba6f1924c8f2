/**
 * /staff/audit, for admins and auditors: the audit trail filtered by actor, entity, action and date, newest
 * first, with the chain's verification result and the latest checkpoint.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { routePath } from '../../http/paths.ts';
import type { createStaffGate } from '../staff/auth.ts';
import { auditPage } from './pages/audit.ts';
import { verifyPost } from './pages/verify.ts';
import { createAuditViewer } from './service.ts';

export function auditViewerRoutes(deps: { knex: Knex; gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const viewer = createAuditViewer(deps.knex);
  const guard = deps.gate.requireStaff('audit.view');
  router.get(routePath('staff.audit.index'), ...guard, auditPage(viewer));
  router.post(routePath('staff.audit.verify'), ...guard, verifyPost(viewer));
  return router;
}
