/** The privacy notice and the accessibility statement: text the authority edits (content of kind "notices"). */
import type { Language } from '../../../config.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { Resolved } from '../../content/cache.ts';
import { fallbackNotice } from '../../content/fallback.ts';

export interface ContentNoticeView {
  title: string;
  lead: string;
  /** Sanitised when the content was saved. */
  bodyHtml: string;
  /** YYYY-MM-DD, printed with formatDate. */
  updated: string;
  contentLang: Language;
  fallbackNotice: string | undefined;
}

export function presentContentNotice(resolved: Resolved, lang: Language, t: Translate): ContentNoticeView {
  const { translation } = resolved;
  return {
    title: translation.title,
    lead: translation.summary,
    bodyHtml: translation.bodyHtml,
    updated: translation.lastReviewed,
    contentLang: translation.lang,
    fallbackNotice: fallbackNotice(resolved, lang, t),
  };
}
