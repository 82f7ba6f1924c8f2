/** /{lang}/campaigns/<slug>: the campaign's message, period, audience, actions, materials and related reading. */
import type { Language } from '../../../config.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { ItemLink } from '../../content/service.ts';
import type { CampaignView } from '../service.ts';
import { campaignsTrail, fallbackNotice, summarise, type CampaignSummary, type Crumb } from './campaign.ts';

export interface CampaignPageView {
  title: string;
  campaign: CampaignSummary & {
    message: string;
    audience: string;
    /** Sanitised when the content was saved. */
    bodyHtml: string;
    actions: { label: string; href: string }[];
    socialPosts: string[];
    hashtag: string | undefined;
    smsTexts: string[];
    messengerTexts: string[];
    keyMessages: string[];
    questionsAndAnswers: { question: string; answer: string }[];
    bilingualPoster: boolean;
  };
  contentLang: Language;
  fallbackNotice: string | undefined;
  related: ItemLink[];
  breadcrumbs: Crumb[];
}

export function presentCampaign(campaign: CampaignView, related: ItemLink[], lang: Language, t: Translate): CampaignPageView {
  const { translation } = campaign;
  return {
    title: translation.title,
    campaign: {
      ...summarise(campaign),
      message: translation.extra.message ?? '',
      audience: translation.extra.audience ?? '',
      bodyHtml: translation.bodyHtml,
      actions: translation.extra.actions ?? [],
      socialPosts: translation.extra.socialPosts ?? [],
      hashtag: translation.extra.hashtag,
      smsTexts: translation.extra.smsTexts ?? [],
      messengerTexts: translation.extra.messengerTexts ?? [],
      keyMessages: translation.extra.keyMessages ?? [],
      questionsAndAnswers: translation.extra.questionsAndAnswers ?? [],
      // The ky/ru poster exists only while both translations are published.
      bilingualPoster: Boolean(campaign.item.translations.ky && campaign.item.translations.ru),
    },
    contentLang: translation.lang,
    fallbackNotice: fallbackNotice(campaign, lang, t),
    related,
    breadcrumbs: campaignsTrail(lang, t, { text: translation.title }),
  };
}
