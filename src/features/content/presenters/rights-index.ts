/** The rights index (/{lang}/rights): articles and guides grouped by topic, with each topic's heading and hint. */
import type { Language } from '../../../config.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { toLink, type ItemLink, type TopicGroup } from '../service.ts';
import { trail, type Crumb } from './breadcrumbs.ts';

const TOPICS: Record<string, { titleKey: string; textKey: string; anchor?: string }> = {
  law: { titleKey: 'content.topics.law.title', textKey: 'content.topics.law.text' },
  international: { titleKey: 'content.topics.international.title', textKey: 'content.topics.international.text' },
  complaints: { titleKey: 'content.topics.complaints.title', textKey: 'content.topics.complaints.text' },
  // The first guides' topic is where /{lang}/guides leads (/{lang}/rights#guides).
  life: { titleKey: 'content.topics.life.title', textKey: 'content.topics.life.text', anchor: 'guides' },
  organisations: { titleKey: 'content.topics.organisations.title', textKey: 'content.topics.organisations.text' },
};

interface IndexGroupView {
  topic: string;
  anchor: string | undefined;
  titleKey: string;
  textKey: string;
  items: ItemLink[];
}

export interface RightsIndexView {
  title: string;
  groups: IndexGroupView[];
  breadcrumbs: Crumb[];
}

function topicOf(topic: string): (typeof TOPICS)[string] {
  const found = TOPICS[topic];
  if (!found) throw new Error(`No heading for the topic ${topic}`);
  return found;
}

export function presentRightsIndex(groups: readonly TopicGroup[], lang: Language, t: Translate): RightsIndexView {
  return {
    title: t('content.index.title'),
    groups: groups.map((group) => {
      const { titleKey, textKey, anchor } = topicOf(group.topic);
      return { topic: group.topic, anchor, titleKey, textKey, items: group.items.map((resolved) => toLink(lang, resolved)) };
    }),
    breadcrumbs: trail(lang, t, { text: t('content.index.title') }),
  };
}
