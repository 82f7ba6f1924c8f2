import { Router, type Request, type Response } from 'express';

/** The home page: what the Agency does, the three main actions, contacts. Static: no session, no database. */
export function homeRoutes(): Router {
  const router = Router({ mergeParams: true });
  router.get('/', (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-cache');
    res.render('home/index', { title: res.locals.t('home.title'), isHome: true });
  });
  return router;
}
