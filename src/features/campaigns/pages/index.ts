/** /{lang}/campaigns: every campaign with its status today. The same for every reader: kept rendered. */
import type { Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import type { ContentCache } from '../../content/cache.ts';
import { presentCampaignsIndex } from '../presenters/index.ts';
import { listCampaigns } from '../service.ts';

export function campaignsIndexPage({ cache }: { cache: ContentCache }) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const campaigns = await listCampaigns(cache, lang, bishkekToday());
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('campaigns/index', presentCampaignsIndex(campaigns, lang, t));
  };
}
