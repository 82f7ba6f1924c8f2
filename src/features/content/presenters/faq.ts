/** The FAQ page: questions grouped by topic, each answer in its own language when it falls back. */
import type { Language } from '../../../config.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { TopicGroup } from '../service.ts';
import { trail, type Crumb } from './breadcrumbs.ts';

const TOPIC_KEYS: Record<string, string> = {
  general: 'content.faqTopics.general',
  rights: 'content.faqTopics.rights',
  complaints: 'content.faqTopics.complaints',
  organisations: 'content.faqTopics.organisations',
};

interface FaqQuestionView {
  id: string;
  title: string;
  /** Sanitised when the content was saved. */
  bodyHtml: string;
  lang: Language;
  fallback: boolean;
}

export interface FaqView {
  title: string;
  groups: { topic: string; titleKey: string; questions: FaqQuestionView[] }[];
  breadcrumbs: Crumb[];
}

function topicKey(topic: string): string {
  const key = TOPIC_KEYS[topic];
  if (!key) throw new Error(`No heading for the FAQ topic ${topic}`);
  return key;
}

export function presentFaq(groups: readonly TopicGroup[], lang: Language, t: Translate): FaqView {
  return {
    title: t('content.faq.title'),
    groups: groups.map((group) => ({
      topic: group.topic,
      titleKey: topicKey(group.topic),
      questions: group.items.map(({ item, translation, fallback }) => ({
        id: item.slug,
        title: translation.title,
        bodyHtml: translation.bodyHtml,
        lang: translation.lang,
        fallback,
      })),
    })),
    breadcrumbs: trail(lang, t, { text: t('content.faq.title') }),
  };
}
