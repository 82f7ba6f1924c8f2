/** The portal's own notices: privacy, accessibility (content the authority edits), contact. No session. */
import { Router } from 'express';
import type { RetentionConfig } from '../../config.ts';
import type { ContentCache } from '../content/cache.ts';
import { routePath } from '../../http/paths.ts';
import { accessibilityPage } from './pages/accessibility.ts';
import { contactPage } from './pages/contact.ts';
import { privacyPage } from './pages/privacy.ts';

export function pagesRoutes(deps: { cache: ContentCache; retention: RetentionConfig }): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('pages.privacy'), privacyPage(deps));
  router.get(routePath('pages.accessibility'), accessibilityPage(deps));
  router.get(routePath('pages.contact'), contactPage);
  return router;
}
