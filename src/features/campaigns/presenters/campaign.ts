/** What the campaign pages print of a campaign: its texts, its status as a finished key, its period. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { CampaignStatus, CampaignView } from '../service.ts';

const STATUS_KEYS: Record<CampaignStatus, string> = {
  current: 'campaigns.status.current',
  upcoming: 'campaigns.status.upcoming',
  past: 'campaigns.status.past',
};

export interface CampaignSummary {
  slug: string;
  /** For the tag's class (tag--current …). */
  status: CampaignStatus;
  statusKey: string;
  title: string;
  summary: string;
  /** YYYY-MM-DD, printed with formatDate. */
  periodStart: string;
  periodEnd: string;
  /** The language of the texts, and whether it differs from the page's. */
  contentLang: Language;
  fallback: boolean;
}

export interface Crumb {
  text: string;
  href?: string;
}

export function summarise(campaign: CampaignView): CampaignSummary {
  const { item, translation, status, fallback } = campaign;
  return {
    slug: item.slug,
    status,
    statusKey: STATUS_KEYS[status],
    title: translation.title,
    summary: translation.summary,
    periodStart: translation.extra.periodStart ?? '',
    periodEnd: translation.extra.periodEnd ?? '',
    contentLang: translation.lang,
    fallback,
  };
}

/** "This page is not yet in X; it is shown in Y". */
export { fallbackNotice } from '../../content/fallback.ts';

/** Home → Campaigns → … */
export function campaignsTrail(lang: Language, t: Translate, ...rest: Crumb[]): Crumb[] {
  return [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('campaigns.title'), href: pathTo('campaigns.index', { lang }) }, ...rest];
}
