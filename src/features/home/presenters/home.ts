/** The home page's view model: its title; everything else on the page is fixed text. */
import type { Translate } from '../../../i18n/i18n.ts';

export interface HomeView {
  title: string;
}

export function presentHome(t: Translate): HomeView {
  return { title: t('home.title') };
}
