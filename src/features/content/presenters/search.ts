/** The search page: the query shown again, a notice when it cannot be run, or the results. */
import type { Language } from '../../../config.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { SearchOutcome, SearchResult } from '../service.ts';
import { trail, type Crumb } from './breadcrumbs.ts';

/** What the reader must correct, for the outcomes that are not results. */
const NOTICE_KEYS = { tooLong: 'search.tooLong', noWords: 'search.noWords', tooComplex: 'search.tooComplex' } as const;

export interface SearchView {
  title: string;
  query: string;
  /** Nothing asked yet. */
  isEmpty: boolean;
  /** A query that cannot be run: the key of what to correct (with `max` for the length). */
  noticeKey: string | undefined;
  max: number | undefined;
  isResults: boolean;
  results: SearchResult[];
  breadcrumbs: Crumb[];
}

/** The query as the page shows it: in the window's title (the start of it) and in the search box. */
export interface ShownQuery {
  title: string;
  box: string;
}

export function shownQuery(query: string, maxLength: number): ShownQuery {
  return { title: query.slice(0, 60), box: query.slice(0, maxLength) };
}

/** `shown`: what stands for the query on the page (the results page shared by queries, search-pages.ts, puts marks there). */
export function presentSearch(
  query: string,
  outcome: SearchOutcome,
  maxLength: number,
  lang: Language,
  t: Translate,
  shown: ShownQuery = shownQuery(query, maxLength),
): SearchView {
  return {
    title: query ? t('search.titleWithQuery', { query: shown.title }) : t('search.title'),
    query: shown.box,
    isEmpty: outcome.kind === 'empty',
    noticeKey: outcome.kind === 'empty' || outcome.kind === 'results' ? undefined : NOTICE_KEYS[outcome.kind],
    max: outcome.kind === 'tooLong' ? outcome.max : undefined,
    isResults: outcome.kind === 'results',
    results: outcome.kind === 'results' ? outcome.results : [],
    breadcrumbs: trail(lang, t, { text: t('search.title') }),
  };
}
