/** GET /staff/ sends each member to the page made for their role; GET /staff/welcome is that page for roles without a queue. */
import type { Request, Response } from 'express';
import { currentStaff, landingPath } from '../auth.ts';
import { presentWelcome } from '../presenters/welcome.ts';

export function landingPage(_req: Request, res: Response): void {
  res.redirect(303, landingPath(currentStaff(res).role));
}

export function welcomePage(_req: Request, res: Response): void {
  res.render('staff/welcome', { layout: 'staff', title: res.locals.t('staffAccess.welcome.title'), ...presentWelcome(currentStaff(res).role) });
}
