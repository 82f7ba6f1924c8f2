/** A rights article or a guide: its text, a notice when shown in another language, related links. */
import type { Language } from '../../../config.ts';
import { LANGUAGE_NAMES } from '../../../http/language.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { Resolved } from '../cache.ts';
import type { ItemLink } from '../service.ts';
import { trail, type Crumb } from './breadcrumbs.ts';

export interface ArticleView {
  title: string;
  article: { title: string; summary: string; bodyHtml: string; legalBasis: string; lastReviewed: string };
  /** The language the text is in (differs from the page's when `fallbackNotice` is set). */
  contentLang: Language;
  fallbackNotice: string | undefined;
  international: boolean;
  related: ItemLink[];
  breadcrumbs: Crumb[];
}

/** "This page is not yet in X; it is shown in Y" — for an article or a campaign shown in another language. */
function fallbackNotice(resolved: Resolved, lang: Language, t: Translate): string | undefined {
  return resolved.fallback ? t('content.fallback', { wanted: LANGUAGE_NAMES[lang], shown: LANGUAGE_NAMES[resolved.translation.lang] }) : undefined;
}

export function presentArticle(resolved: Resolved, related: ItemLink[], lang: Language, t: Translate): ArticleView {
  const { item, translation } = resolved;
  return {
    title: translation.title,
    article: {
      title: translation.title,
      summary: translation.summary,
      // Sanitised when the content was saved.
      bodyHtml: translation.bodyHtml,
      legalBasis: translation.legalBasis,
      lastReviewed: translation.lastReviewed,
    },
    contentLang: translation.lang,
    fallbackNotice: fallbackNotice(resolved, lang, t),
    international: item.topic === 'international',
    related,
    breadcrumbs: trail(lang, t, { text: t('content.index.title'), href: pathTo('content.rights', { lang }) }, { text: translation.title }),
  };
}
