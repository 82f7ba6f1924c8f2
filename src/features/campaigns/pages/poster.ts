/** /{lang}/campaigns/<slug>/poster: the campaign's printable poster; an unknown slug is the 404 page. */
import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { qrSvg } from '../qr.ts';
import type { ContentCache } from '../../content/cache.ts';
import { presentPoster } from '../presenters/poster.ts';
import { campaignFromParams } from '../service.ts';

/** `publicUrl`: the portal's configured address; never the request's Host header, which the client chooses. */
export function posterPage({ cache, publicUrl }: { cache: ContentCache; publicUrl: string }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { lang, t } = res.locals;
    const campaign = await campaignFromParams(cache, req.params, lang);
    if (!campaign) {
      next();
      return;
    }
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    const view = presentPoster(campaign, publicUrl, lang, t);
    const svg = await qrSvg(view.campaignAddress);
    res.render('campaigns/poster', { ...view, qrSvg: svg });
  };
}
