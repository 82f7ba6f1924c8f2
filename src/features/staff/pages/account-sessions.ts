/** POST /staff/account/sessions: "sign out everywhere else" — every session ends, this browser carries on in a fresh one. */
import type { Request, Response } from 'express';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { endAllSessions } from '../accounts.ts';
import { currentStaff } from '../auth.ts';
import type { StaffAuthDeps } from './deps.ts';
import { startSignedIn } from './sign-in-state.ts';

export function endSessionsPost(deps: StaffAuthDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = currentStaff(res);
    const version = await endAllSessions(deps, user.id, { type: 'staff', id: user.id, requestId: requestId(req) });
    await startSignedIn(req, user.id, version);
    res.redirect(303, `${pathTo('staff.account')}?saved=sessions`);
  };
}
