import { Router, type Request, type Response } from 'express';
import { keepRenderedPage } from '../../http/page-cache.ts';

/** The home page: what the Agency does, the three main actions, contacts. Static: no session, no database. */
export function homeRoutes(): Router {
  const router = Router({ mergeParams: true });
  router.get('/', (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-cache');
    keepRenderedPage(res);
    res.render('home/index', { title: res.locals.t('home.title'), isHome: true });
  });
  return router;
}
