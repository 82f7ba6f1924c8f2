/** /{lang}/campaigns/<slug>/poster: the campaign's printable poster; an unknown slug is the 404 page. */
import type { NextFunction, Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import type { ContentCache } from '../../content/cache.ts';
import { slugParams } from '../../content/schemas.ts';
import { presentPoster } from '../presenters/poster.ts';
import { findCampaign } from '../service.ts';

/** `publicUrl`: the portal's configured address; never the request's Host header, which the client chooses. */
export function posterPage({ cache, publicUrl }: { cache: ContentCache; publicUrl: string }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { lang, t } = res.locals;
    const params = slugParams.safeParse(req.params);
    const campaign = params.success ? await findCampaign(cache, params.data.slug, lang, bishkekToday()) : undefined;
    if (!campaign) {
      next();
      return;
    }
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('campaigns/poster', presentPoster(campaign, publicUrl, lang, t));
  };
}
