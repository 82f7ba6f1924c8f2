/** /{lang}/help and /{lang}/help/<step>: the "What can I do?" guide; its words are content the authority edits. */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import type { ContentCache } from '../content/cache.ts';
import { helpStartPage, helpStepPage } from './pages/step.ts';

export function helpRoutes(deps: { content: ContentCache }): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('help.start'), helpStartPage(deps));
  router.get(routePath('help.step'), helpStepPage(deps));
  return router;
}
