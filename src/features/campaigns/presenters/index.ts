/** /{lang}/campaigns: current campaigns first, then upcoming, then past. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { CampaignView } from '../service.ts';
import { summarise, type CampaignSummary, type Crumb } from './campaign.ts';

export interface CampaignsIndexView {
  title: string;
  campaigns: CampaignSummary[];
  breadcrumbs: Crumb[];
}

export function presentCampaignsIndex(campaigns: readonly CampaignView[], lang: Language, t: Translate): CampaignsIndexView {
  return {
    title: t('campaigns.title'),
    campaigns: campaigns.map(summarise),
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('campaigns.title') }],
  };
}
