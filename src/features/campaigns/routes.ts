/** /{lang}/campaigns: the list, each campaign's page, and its printable poster. */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { LANGUAGE_NAMES } from '../../http/language.ts';
import type { ContentCache } from '../content/cache.ts';
import { slugParams } from '../content/schemas.ts';
import { relatedLinks } from '../content/service.ts';
import { bishkekToday } from '../../lib/dates.ts';
import { findCampaign, listCampaigns } from './service.ts';
import { keepRenderedPage } from '../../http/page-cache.ts';

/** `publicUrl`: the portal's configured address; never the request's Host header, which the client chooses. */
export function campaignRoutes({ cache, publicUrl }: { cache: ContentCache; publicUrl: string }): Router {
  const router = Router({ mergeParams: true });

  router.get('/campaigns', async (_req: Request, res: Response) => {
    const { lang, t } = res.locals;
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render('campaigns/index', {
      title: t('campaigns.title'),
      campaigns: await listCampaigns(cache, lang, bishkekToday()),
      breadcrumbs: [{ text: t('common.home'), href: `/${lang}/` }, { text: t('campaigns.title') }],
    });
  });

  const show = (view: 'campaigns/show' | 'campaigns/poster') => async (req: Request, res: Response, next: NextFunction) => {
    const params = slugParams.safeParse(req.params);
    const campaign = params.success ? await findCampaign(cache, params.data.slug, res.locals.lang, bishkekToday()) : undefined;
    if (!campaign) {
      next();
      return;
    }
    const { lang, t } = res.locals;
    const { translation } = campaign;
    res.set('Cache-Control', 'public, max-age=300');
    keepRenderedPage(res);
    res.render(view, {
      title: view === 'campaigns/poster' ? `${translation.extra.posterTitle ?? translation.title} — ${t('campaigns.poster')}` : translation.title,
      campaign,
      isPoster: view === 'campaigns/poster',
      contentLang: translation.lang,
      fallbackNotice: campaign.fallback ? t('content.fallback', { wanted: LANGUAGE_NAMES[lang], shown: LANGUAGE_NAMES[translation.lang] }) : undefined,
      related: await relatedLinks(cache, campaign.item, lang),
      portalAddress: `${publicUrl}/${lang}/rights`,
      breadcrumbs: [
        { text: t('common.home'), href: `/${lang}/` },
        { text: t('campaigns.title'), href: `/${lang}/campaigns` },
        ...(view === 'campaigns/poster'
          ? [{ text: translation.title, href: `/${lang}/campaigns/${campaign.item.slug}` }, { text: t('campaigns.poster') }]
          : [{ text: translation.title }]),
      ],
    });
  };
  router.get('/campaigns/:slug', show('campaigns/show'));
  router.get('/campaigns/:slug/poster', show('campaigns/poster'));
  return router;
}
