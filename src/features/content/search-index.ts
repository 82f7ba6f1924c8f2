/**
 * Search over the published content, in memory: one MiniSearch index per language, built from the content
 * cache's snapshot (so it is rebuilt whenever any instance announces a content change). A query's words are
 * stemmed like the text, widened with their synonyms (weighted lower) and searched with OR semantics — a
 * result need not hold every word — and by prefix (a Kyrgyz stem the light stemmer left longer); results covering more of the
 * reader's words rank higher. Snippets are cut only for the results shown.
 */
import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import { LANGUAGES, type Language } from '../../config.ts';
import { analyse, parseQuery, synonymsOf, type Word } from './search-text.ts';
import type { ContentKind } from './source.ts';

export interface SearchableText {
  kind: ContentKind;
  slug: string;
  lang: Language;
  title: string;
  summary: string;
  bodyText: string;
}

export interface SearchHit {
  kind: ContentKind;
  slug: string;
  title: string;
  /** Plain and highlighted parts: the view escapes each, so nothing from the text is ever HTML. */
  snippet: { text: string; highlight: boolean }[];
}

interface Entry {
  text: SearchableText;
  /** The body's words, stemmed once when the index is built: snippets need no stemming per request. */
  words: Word[];
  /** Where each stem occurs among the words. */
  positions: Map<string, number[]>;
}

function positionsOf(words: readonly Word[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  for (const [at, word] of words.entries()) {
    const list = positions.get(word.stem);
    if (list) list.push(at);
    else positions.set(word.stem, [at]);
  }
  return positions;
}

const FIELDS = ['title', 'summary', 'bodyText'] as const;
/** A word in the title says most about what a page answers (chosen with the relevance test's 90 questions). */
const BOOST = { title: 6, summary: 2, bodyText: 1 };
/** A synonym counts for less than the reader's own word. */
const SYNONYM_WEIGHT = 0.6;
const SNIPPET_WORDS = 32;
const LEAD_WORDS = 4;

export interface SearchIndex {
  search(lang: Language, query: string, limit: number): SearchHit[];
  /**
   * What a query's results depend on: its words as searched, without those the index cannot match (no page holds
   * them, by themselves or as the start of a longer word, and they have no synonyms). Two queries with the same
   * key have the same results, in the same order, with the same snippets.
   */
  resultsKey(lang: Language, query: string): string;
}

/** The stems a language's pages hold, in order, to find a stem or the stems that start with it. */
function vocabularyOf(lang: Language, texts: readonly SearchableText[]): { has(stem: string): boolean; startOf(stem: string): boolean } {
  const stems = new Set(texts.flatMap((text) => FIELDS.flatMap((field) => analyse(lang, text[field]).map((word) => word.stem))));
  const sorted = [...stems].sort();
  return {
    has: (stem) => stems.has(stem),
    startOf(stem) {
      let [low, high] = [0, sorted.length];
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((sorted[middle] as string) < stem) low = middle + 1;
        else high = middle;
      }
      return sorted[low]?.startsWith(stem) === true;
    },
  };
}

function buildLanguage(lang: Language, texts: readonly SearchableText[]) {
  const index = new MiniSearch<SearchableText & { id: number }>({
    fields: [...FIELDS],
    tokenize: (text) => analyse(lang, text).map((word) => word.stem),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term, boost: BOOST },
  });
  index.addAll(texts.map((text, id) => ({ ...text, id })));
  const entries = texts.map((text): Entry => {
    const words = analyse(lang, text.bodyText);
    return { text, words, positions: positionsOf(words) };
  });
  return { index, entries, vocabulary: vocabularyOf(lang, texts) };
}

/** A reader's own word searched by prefix (see `search` below): at least this long. */
const PREFIX_FROM = 4;

/** The part of a body with the most distinct matched words, with those words marked. */
export function cutSnippet(body: string, words: readonly Word[], matched: ReadonlySet<string>, positions = positionsOf(words)): SearchHit['snippet'] {
  // The matched words' places; windows start a few words before one, so the reader sees what leads to it.
  const hits = [...matched].flatMap((stem) => positions.get(stem) ?? []).sort((a, b) => a - b);
  let best = 0;
  let bestCount = 0;
  for (const [n, at] of hits.entries()) {
    const start = Math.max(0, at - LEAD_WORDS);
    const inside = new Set<string>();
    for (let next = n; next < hits.length && (hits[next] as number) < start + SNIPPET_WORDS; next++) inside.add((words[hits[next] as number] as Word).stem);
    if (inside.size > bestCount) [best, bestCount] = [start, inside.size];
  }
  const window = words.slice(best, best + SNIPPET_WORDS);
  const first = window[0];
  const last = window.at(-1);
  if (!first || !last) return [{ text: body.slice(0, 240), highlight: false }];
  const parts: SearchHit['snippet'] = [];
  let cursor = best === 0 ? 0 : first.start;
  for (const word of window) {
    if (!matched.has(word.stem)) continue;
    if (word.start > cursor) parts.push({ text: body.slice(cursor, word.start), highlight: false });
    parts.push({ text: body.slice(word.start, word.end), highlight: true });
    cursor = word.end;
  }
  if (last.end > cursor) parts.push({ text: body.slice(cursor, last.end), highlight: false });
  if (best > 0) parts.unshift({ text: '… ', highlight: false });
  if (last.end < body.length) parts.push({ text: ' …', highlight: false });
  return parts;
}

/** How many of the reader's words (each with its synonyms) a result holds. */
function coverage(result: MiniSearchResult, groups: readonly string[][]): number {
  return groups.filter((group) => group.some((stem) => result.queryTerms.includes(stem))).length;
}

export function buildSearchIndex(texts: readonly SearchableText[], synonyms: Partial<Record<Language, string[][]>>): SearchIndex {
  const languages = new Map(
    LANGUAGES.map((lang) => [
      lang,
      buildLanguage(
        lang,
        texts.filter((text) => text.lang === lang),
      ),
    ]),
  );
  return {
    search(lang, query, limit) {
      const built = languages.get(lang);
      const { wanted, excluded } = parseQuery(lang, query);
      if (!built || wanted.length === 0) return [];
      const groups = wanted.map((stem) => [stem, ...synonymsOf(synonyms[lang] ?? [], stem)]);
      const weights = new Map(groups.flatMap((group) => group.map((stem, i) => [stem, i === 0 ? 1 : SYNONYM_WEIGHT] as const)));
      const terms = [...weights.keys()];
      const left = new Set(excluded.length ? built.index.search(excluded.join(' ')).map((result) => result.id as number) : []);
      const results = built.index
        .search(terms.join(' '), {
          // By prefix only the reader's own words: a synonym's prefix strays too far (держ- → держатель).
          prefix: (term) => term.length >= PREFIX_FROM && weights.get(term) === 1,
          boostTerm: (term) => weights.get(term) ?? 1,
        })
        .filter((result) => !left.has(result.id as number))
        .map((result) => ({ result, score: (result.score / Math.max(1, result.queryTerms.length)) * coverage(result, groups) ** 2 }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      return results.flatMap(({ result }) => {
        const entry = built.entries[result.id as number];
        if (!entry) return [];
        const { kind, slug, title } = entry.text;
        return [{ kind, slug, title, snippet: cutSnippet(entry.text.bodyText, entry.words, new Set(result.terms), entry.positions) }];
      });
    },
    resultsKey(lang, query) {
      const { wanted, excluded } = parseQuery(lang, query);
      const vocabulary = languages.get(lang)?.vocabulary;
      // A word with synonyms always counts: its group decides how the other words are weighed.
      const counts = (stem: string) =>
        vocabulary?.has(stem) === true ||
        (stem.length >= PREFIX_FROM && vocabulary?.startOf(stem) === true) ||
        synonymsOf(synonyms[lang] ?? [], stem).length > 0;
      return JSON.stringify([lang, wanted.filter(counts), excluded.filter((stem) => vocabulary?.has(stem) === true)]);
    },
  };
}
