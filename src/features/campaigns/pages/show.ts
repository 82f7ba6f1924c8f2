/** /{lang}/campaigns/<slug>: one campaign; an unknown slug is the 404 page. */
import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import type { ContentCache } from '../../content/cache.ts';
import { slugParams } from '../../content/schemas.ts';
import { relatedLinks } from '../../content/service.ts';
import { presentCampaign } from '../presenters/show.ts';
import { findCampaign } from '../service.ts';

export function campaignPage({ cache }: { cache: ContentCache }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { lang, t } = res.locals;
    const params = slugParams.safeParse(req.params);
    const campaign = params.success ? await findCampaign(cache, params.data.slug, lang, bishkekToday()) : undefined;
    if (!campaign) {
      next();
      return;
    }
    const related = await relatedLinks(cache, campaign.item, lang);
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('campaigns/show', presentCampaign(campaign, related, lang, t));
  };
}
