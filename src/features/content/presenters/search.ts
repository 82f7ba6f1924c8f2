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

export function presentSearch(query: string, outcome: SearchOutcome, maxLength: number, lang: Language, t: Translate): SearchView {
  return {
    title: query ? t('search.titleWithQuery', { query: query.slice(0, 60) }) : t('search.title'),
    query: query.slice(0, maxLength),
    isEmpty: outcome.kind === 'empty',
    noticeKey: outcome.kind === 'empty' || outcome.kind === 'results' ? undefined : NOTICE_KEYS[outcome.kind],
    max: outcome.kind === 'tooLong' ? outcome.max : undefined,
    isResults: outcome.kind === 'results',
    results: outcome.kind === 'results' ? outcome.results : [],
    breadcrumbs: trail(lang, t, { text: t('search.title') }),
  };
}
