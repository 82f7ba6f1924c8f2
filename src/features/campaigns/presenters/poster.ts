/** /{lang}/campaigns/<slug>/poster: a printable A4 poster with the portal's address. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { CampaignView } from '../service.ts';
import { campaignsTrail, fallbackNotice, type Crumb } from './campaign.ts';

export interface PosterView {
  title: string;
  poster: { title: string; message: string; points: string[]; callToAction: string };
  contentLang: Language;
  fallbackNotice: string | undefined;
  /** Printed on paper, so absolute: the configured address, never the request's Host header. */
  portalAddress: string;
  /** The campaign's own page, which the poster's QR code opens. */
  campaignAddress: string;
  breadcrumbs: Crumb[];
}

export function presentPoster(campaign: CampaignView, publicUrl: string, lang: Language, t: Translate): PosterView {
  const { item, translation } = campaign;
  return {
    title: `${translation.extra.posterTitle ?? translation.title} — ${t('campaigns.poster')}`,
    poster: {
      title: translation.extra.posterTitle ?? '',
      message: translation.extra.message ?? '',
      points: translation.extra.posterPoints ?? [],
      callToAction: translation.extra.posterCallToAction ?? '',
    },
    contentLang: translation.lang,
    fallbackNotice: fallbackNotice(campaign, lang, t),
    portalAddress: `${publicUrl}${pathTo('content.rights', { lang })}`,
    campaignAddress: `${publicUrl}${pathTo('campaigns.show', { lang, slug: item.slug })}`,
    breadcrumbs: campaignsTrail(
      lang,
      t,
      { text: translation.title, href: pathTo('campaigns.show', { lang, slug: item.slug }) },
      { text: t('campaigns.poster') },
    ),
  };
}
