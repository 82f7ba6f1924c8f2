/**
 * POST /{lang}/complaints/new/from-register: "Start a complaint about this organisation" on the complaint's start
 * page opened from a register entry. The complaint begins with the organisation offered on its step.
 */
import type { Request, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import { startComplaintAbout, type IntakeDeps } from '../service.ts';

export function complaintFromRegister(deps: Pick<IntakeDeps, 'knex'>) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang } = res.locals;
    const opened = await startComplaintAbout(deps, req.session, req.body, lang);
    res.redirect(
      303,
      opened ? pathTo('intake.step', { lang, journey: opened.journey, step: opened.step }) : pathTo('intake.start', { lang, journey: 'complaints' }),
    );
  };
}
