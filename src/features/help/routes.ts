/** /{lang}/help and /{lang}/help/<step>: the "What can I do?" guide. */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import { helpStartPage, helpStepPage } from './pages/step.ts';

export function helpRoutes(): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('help.start'), helpStartPage);
  router.get(routePath('help.step'), helpStepPage);
  return router;
}
