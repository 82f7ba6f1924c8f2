import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import { homePage } from './pages/home.ts';

export function homeRoutes(): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('home'), homePage);
  return router;
}
