/** Breadcrumbs of the guidance pages: a trail of links ending in the current page (no link). */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';

export interface Crumb {
  text: string;
  href?: string;
}

/** Home → … → the current page. */
export function trail(lang: Language, t: Translate, ...rest: Crumb[]): Crumb[] {
  return [{ text: t('common.home'), href: pathTo('home', { lang }) }, ...rest];
}
