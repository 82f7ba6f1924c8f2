/**
 * /staff/audit, for admins and auditors: the audit trail in words, filtered by actor, entity, case, action and
 * date, newest first, with the chain's verification result, the latest checkpoint and a CSV export; and the
 * "who saw this case" view of a case, for supervisors and auditors.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { routePath } from '../../http/paths.ts';
import type { createStaffGate } from '../staff/auth.ts';
import { auditPage } from './pages/audit.ts';
import { verifyPost } from './pages/verify.ts';
import { auditExport } from './pages/export.ts';
import { readersPage } from './pages/readers.ts';
import { createAuditViewer } from './service.ts';

export function auditViewerRoutes(deps: { knex: Knex; gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const viewer = createAuditViewer(deps.knex);
  const guard = deps.gate.requireStaff('audit.view');
  router.get(routePath('staff.audit.index'), ...guard, auditPage(viewer));
  router.post(routePath('staff.audit.verify'), ...guard, verifyPost(viewer));
  router.get(routePath('staff.audit.export'), ...guard, auditExport(viewer));
  router.get(routePath('staff.cases.readers'), ...deps.gate.requireStaff('cases.readers'), readersPage(viewer));
  return router;
}
