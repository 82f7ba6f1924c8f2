/** What a page says when its text is not in the reader's language, or not up to date in it. */
import type { Language } from '../../config.ts';
import { LANGUAGE_NAMES } from '../../http/language.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Resolved } from './cache.ts';

export function fallbackNotice(resolved: Pick<Resolved, 'fallback' | 'reason' | 'translation'>, lang: Language, t: Translate): string | undefined {
  const names = { wanted: LANGUAGE_NAMES[lang], shown: LANGUAGE_NAMES[resolved.translation.lang] };
  if (resolved.fallback) return resolved.reason === 'outdated' ? t('content.fallbackOutdated', names) : t('content.fallback', names);
  return resolved.reason === 'outdated' ? t('content.outdated') : undefined;
}
