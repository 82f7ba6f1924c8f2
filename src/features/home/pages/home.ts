/** The home page: what the Agency does, the three main actions, contacts. Static: no session, no database. */
import type { Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { presentHome } from '../presenters/home.ts';

export function homePage(_req: Request, res: Response): void {
  res.set('Cache-Control', 'no-cache');
  keepRenderedPage(res);
  res.render('home/index', presentHome(res.locals.t));
}
