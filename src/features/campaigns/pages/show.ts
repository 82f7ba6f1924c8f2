/** /{lang}/campaigns/<slug>: one campaign; an unknown slug is the 404 page. */
import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { ContentCache } from '../../content/cache.ts';
import { relatedLinks } from '../../content/service.ts';
import { presentCampaign } from '../presenters/show.ts';
import { campaignFromParams } from '../service.ts';

export function campaignPage({ cache }: { cache: ContentCache }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { lang, t } = res.locals;
    const campaign = await campaignFromParams(cache, req.params, lang);
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
