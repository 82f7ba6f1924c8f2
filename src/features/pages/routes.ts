/** The portal's own notices: privacy, accessibility, contact. Static: no session, no database. */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import { accessibilityPage } from './pages/accessibility.ts';
import { contactPage } from './pages/contact.ts';
import { privacyPage } from './pages/privacy.ts';

export function pagesRoutes(): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('pages.privacy'), privacyPage);
  router.get(routePath('pages.accessibility'), accessibilityPage);
  router.get(routePath('pages.contact'), contactPage);
  return router;
}
