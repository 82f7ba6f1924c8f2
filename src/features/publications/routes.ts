/**
 * Published decisions: the public list and entries (reading pages, no session) and the staff editor on a decided
 * case (supervisors: prepare, approve as a second person, withdraw).
 */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import type { createStaffGate } from '../staff/auth.ts';
import { publicationApprove, publicationEditor, publicationSave, publicationWithdraw } from './pages/editor.ts';
import { decisionEntry, decisionsIndex } from './pages/public.ts';
import type { PublicationDeps } from './service.ts';

export function decisionRoutes(deps: Pick<PublicationDeps, 'knex'>): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('decisions.index'), decisionsIndex(deps));
  router.get(routePath('decisions.show'), decisionEntry(deps));
  return router;
}

export function publicationStaffRoutes(deps: PublicationDeps & { gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const guard = deps.gate.requireStaff('decisions.publish');
  router.get(routePath('staff.cases.publication'), ...guard, publicationEditor(deps));
  router.post(routePath('staff.cases.publication'), ...guard, publicationSave(deps));
  router.post(routePath('staff.cases.publicationApprove'), ...guard, publicationApprove(deps));
  router.post(routePath('staff.cases.publicationWithdraw'), ...guard, publicationWithdraw(deps));
  return router;
}
