/** /staff/content: every item, grouped by kind, with the state of each translation and a link to edit it. */
import { LANGUAGES, type Language } from '../../../config.ts';
import { LANGUAGE_NAMES } from '../../../http/language.ts';
import { pathTo } from '../../../http/paths.ts';
import type { ListedItem, TranslationState } from '../editing.ts';
import { CONTENT_KINDS, type ContentKind } from '../source.ts';

interface TranslationCell {
  lang: Language;
  langName: string;
  href: string;
  /** editorial.status.<status>, or editorial.status.none. */
  statusKey: string;
  /** A newer version waits for review or publication (the published one is older). */
  pending: boolean;
  needsUpdate: boolean;
  missing: boolean;
}

interface ListRow {
  title: string;
  slug: string;
  cells: TranslationCell[];
}

export interface ListView {
  /** The language columns. */
  languages: { langName: string }[];
  groups: { kindKey: string; rows: ListRow[] }[];
  /** How many translations are marked "needs update", for the heading. */
  needsUpdate: number;
}

const KIND_KEYS: Record<ContentKind, string> = {
  rights: 'editorial.kinds.rights',
  guides: 'editorial.kinds.guides',
  faq: 'editorial.kinds.faq',
  campaigns: 'editorial.kinds.campaigns',
  notices: 'editorial.kinds.notices',
  letters: 'editorial.kinds.letters',
  quiz: 'editorial.kinds.quiz',
  help: 'editorial.kinds.help',
};

export const STATUS_KEYS = {
  draft: 'editorial.status.draft',
  in_review: 'editorial.status.in_review',
  scheduled: 'editorial.status.scheduled',
  published: 'editorial.status.published',
  archived: 'editorial.status.archived',
} as const;

function cell(itemId: number, lang: Language, state: TranslationState): TranslationCell {
  return {
    lang,
    langName: LANGUAGE_NAMES[lang],
    href: pathTo('staff.content.edit', { id: itemId, lang }),
    statusKey: state.latest ? STATUS_KEYS[state.latest.status] : 'editorial.status.none',
    pending: Boolean(state.latest && state.latest.number !== state.published && state.latest.status !== 'archived'),
    needsUpdate: state.outdated,
    missing: state.published === undefined,
  };
}

export function presentList(items: readonly ListedItem[]): ListView {
  const groups = CONTENT_KINDS.map((kind) => ({
    kindKey: KIND_KEYS[kind],
    rows: items
      .filter(({ item }) => item.kind === kind)
      .map(({ item, title, translations }) => ({ title, slug: item.slug, cells: LANGUAGES.map((lang) => cell(item.id, lang, translations[lang])) })),
  })).filter((group) => group.rows.length > 0);
  const needsUpdate = items.reduce((sum, { translations }) => sum + LANGUAGES.filter((lang) => translations[lang].outdated).length, 0);
  return { languages: LANGUAGES.map((lang) => ({ langName: LANGUAGE_NAMES[lang] })), groups, needsUpdate };
}
