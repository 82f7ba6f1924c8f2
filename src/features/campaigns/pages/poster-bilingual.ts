/** /{lang}/campaigns/<slug>/poster/ky-ru: the bilingual poster; 404 unless the campaign is published in both languages. */
import type { NextFunction, Request, Response } from 'express';
import QRCode from 'qrcode';
import { keepRenderedPage } from '../../../http/page-cache.ts';
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
    const qrSvg = await QRCode.toString(view.campaignAddress, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    res.render('campaigns/poster-bilingual', { ...view, qrSvg });
  };
}
