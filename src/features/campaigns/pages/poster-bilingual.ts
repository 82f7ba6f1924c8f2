/** /{lang}/campaigns/<slug>/poster/ky-ru: the bilingual poster; 404 unless the campaign is published in both languages. */
import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { qrSvg } from '../qr.ts';
import type { ContentCache } from '../../content/cache.ts';
import { presentBilingualPoster } from '../presenters/poster-bilingual.ts';
import { bilingualCampaign } from '../service.ts';

export function bilingualPosterPage({ cache, publicUrl }: { cache: ContentCache; publicUrl: string }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { lang, t } = res.locals;
    const campaigns = await bilingualCampaign(cache, req.params);
    if (!campaigns) {
      next();
      return;
    }
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    const view = presentBilingualPoster(campaigns, publicUrl, lang, t);
    const svg = await qrSvg(view.campaignAddress);
    res.render('campaigns/poster-bilingual', { ...view, qrSvg: svg });
  };
}
