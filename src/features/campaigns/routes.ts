/** /{lang}/campaigns: the list, each campaign's page, and its printable poster. */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import type { ContentCache } from '../content/cache.ts';
import { campaignsIndexPage } from './pages/index.ts';
import { posterPage } from './pages/poster.ts';
import { bilingualPosterPage } from './pages/poster-bilingual.ts';
import { campaignPage } from './pages/show.ts';

export function campaignRoutes(deps: { cache: ContentCache; publicUrl: string }): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('campaigns.index'), campaignsIndexPage(deps));
  router.get(routePath('campaigns.show'), campaignPage(deps));
  router.get(routePath('campaigns.poster'), posterPage(deps));
  router.get(routePath('campaigns.posterBilingual'), bilingualPosterPage(deps));
  return router;
}
