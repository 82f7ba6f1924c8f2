import { Router, type Request, type Response } from 'express';
import { keepRenderedPage } from '../../http/page-cache.ts';

/** The portal's own notices. Dates are when the text was last changed, kept here beside the route. */
const PAGES = {
  privacy: { view: 'pages/privacy', titleKey: 'pages.privacy.title', updated: '2026-11-22' },
  accessibility: { view: 'pages/accessibility', titleKey: 'pages.accessibility.title', updated: '2026-11-22' },
  contact: { view: 'pages/contact', titleKey: 'pages.contact.title', updated: '2026-11-22' },
} as const;

export function pagesRoutes(): Router {
  const router = Router({ mergeParams: true });
  for (const [slug, page] of Object.entries(PAGES)) {
    router.get(`/${slug}`, (_req: Request, res: Response) => {
      res.set('Cache-Control', 'no-cache');
      keepRenderedPage(res);
      res.render(page.view, { title: res.locals.t(page.titleKey), updated: page.updated });
    });
  }
  return router;
}
