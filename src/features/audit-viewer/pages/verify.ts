/** POST /staff/audit/verify: verifies the chain now, records who asked, and shows the viewer again. */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { currentStaff } from '../../staff/auth.ts';
import type { AuditViewer } from '../service.ts';

export function verifyPost(viewer: AuditViewer) {
  return async (req: Request, res: Response): Promise<void> => {
    await viewer.verifyNow(currentStaff(res).id, requestId(req));
    res.redirect(303, pathTo('staff.audit.index'));
  };
}
