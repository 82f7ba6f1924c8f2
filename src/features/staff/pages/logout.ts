/** POST /staff/logout: nothing of the back office stays in the browser after signing out (honoured over HTTPS). */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { destroySession } from '../../../http/session.ts';
import { recordAlone } from '../../audit/service.ts';
import type { StaffAuthDeps } from './deps.ts';

export function logoutPost({ knex }: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const staffId = req.session.staff?.id;
    await destroySession(req);
    res.set('Clear-Site-Data', '"cache", "storage"');
    if (staffId !== undefined)
      await recordAlone(knex, {
        actorType: 'staff',
        actorId: staffId,
        action: 'staff.logout',
        entityType: 'staff',
        entityId: staffId,
        requestId: requestId(req),
      });
    res.redirect(303, `${pathTo('staff.login')}?signedOut=1`);
  };
}
