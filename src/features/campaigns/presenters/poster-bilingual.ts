/** /{lang}/campaigns/<slug>/poster/ky-ru: one A4 poster in Kyrgyz and Russian side by side, with one QR code. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { CampaignView } from '../service.ts';
import { campaignsTrail, type Crumb } from './campaign.ts';

interface Column {
  lang: 'ky' | 'ru';
  title: string;
  message: string;
  points: string[];
  callToAction: string;
}

export interface BilingualPosterView {
  title: string;
  columns: Column[];
  portalAddresses: string[];
  campaignAddress: string;
  breadcrumbs: Crumb[];
}

function column(lang: 'ky' | 'ru', campaign: CampaignView): Column {
  const { extra } = campaign.translation;
  return { lang, title: extra.posterTitle ?? '', message: extra.message ?? '', points: extra.posterPoints ?? [], callToAction: extra.posterCallToAction ?? '' };
}

export function presentBilingualPoster(
  campaigns: { ky: CampaignView; ru: CampaignView },
  publicUrl: string,
  lang: Language,
  t: Translate,
): BilingualPosterView {
  const { item, translation } = campaigns[lang === 'ky' ? 'ky' : 'ru'];
  return {
    title: `${translation.extra.posterTitle ?? translation.title} — ${t('campaigns.posterBilingual')}`,
    columns: [column('ky', campaigns.ky), column('ru', campaigns.ru)],
    portalAddresses: [`${publicUrl}${pathTo('content.rights', { lang: 'ky' })}`, `${publicUrl}${pathTo('content.rights', { lang: 'ru' })}`],
    // The QR code opens the campaign in the language of the page the poster was printed from.
    campaignAddress: `${publicUrl}${pathTo('campaigns.show', { lang, slug: item.slug })}`,
    breadcrumbs: campaignsTrail(
      lang,
      t,
      { text: translation.title, href: pathTo('campaigns.show', { lang, slug: item.slug }) },
      { text: t('campaigns.posterBilingual') },
    ),
  };
}
