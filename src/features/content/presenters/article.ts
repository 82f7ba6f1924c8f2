/** A rights article or a guide: its text, a notice when shown in another language, related links. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { Resolved } from '../cache.ts';
import { fallbackNotice } from '../fallback.ts';
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
