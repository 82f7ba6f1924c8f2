/** What the guidance pages show: items resolved for a language, grouped for the index, related links, search. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { pathTo } from '../../http/paths.ts';
import { DEFAULT_FALLBACKS, type ContentCache, type Item, type Resolved, type Translation } from './cache.ts';
import { publishedTranslations } from './repository.ts';
import type { SearchHit, SearchIndex } from './search-index.ts';
import type { ContentKind } from './source.ts';
import { TOPICS } from './topics.ts';

/** Other features hear of content changes (their caches reload) on this channel. */
export { CONTENT_CHANGED_CHANNEL } from './repository.ts';

/** Where each kind of item lives. */
export function itemPath(lang: Language, kind: ContentKind, slug: string): string {
  switch (kind) {
    case 'faq':
      return `${pathTo('content.faq', { lang })}#${slug}`;
    case 'rights':
      return pathTo('content.right', { lang, slug });
    case 'guides':
      return pathTo('content.guide', { lang, slug });
    case 'campaigns':
      return pathTo('campaigns.show', { lang, slug });
    case 'notices':
      return pathTo(slug === 'accessibility' ? 'pages.accessibility' : 'pages.privacy', { lang });
    case 'letters':
      return pathTo('letters.form', { lang });
    case 'quiz':
      return pathTo('quiz', { lang });
    case 'help':
      return slug === 'start' ? pathTo('help.start', { lang }) : pathTo('help.step', { lang, step: slug });
  }
}

/**
 * A tool's words (the letter template, a quiz question, a step of the guide) in the reader's own language even
 * when another language has changed since — a tool half in another language is worse than an older wording —
 * and only when that translation is missing, the next along the fallback chain.
 */
export function toolTranslation(cache: ContentCache, item: Item, lang: Language): Translation | undefined {
  return item.translations[lang] ?? cache.resolve(item, lang)?.translation;
}

export interface Quote {
  lang: Language;
  title: string;
  /** Sanitised when the content was saved. */
  bodyHtml: string;
  bodyText: string;
  href: string;
}

/** A published item's text in a language (or the next of the fallback chain), for another feature to show. */
export async function quoteContent(knex: Knex, kind: ContentKind, slug: string, lang: Language): Promise<Quote | undefined> {
  const rows = await publishedTranslations(knex, kind, slug);
  for (const candidate of DEFAULT_FALLBACKS[lang]) {
    const row = rows.find((translation) => translation.lang === candidate);
    if (row) return { lang: row.lang, title: row.title, bodyHtml: row.body_html, bodyText: row.body_text, href: itemPath(lang, kind, slug) };
  }
  return undefined;
}

export interface ItemLink {
  href: string;
  title: string;
  summary: string;
  lang: Language;
  fallback: boolean;
}

export function toLink(lang: Language, resolved: Resolved): ItemLink {
  const { item, translation, fallback } = resolved;
  return { href: itemPath(lang, item.kind, item.slug), title: translation.title, summary: translation.summary, lang: translation.lang, fallback };
}

export async function findArticle(cache: ContentCache, kind: ContentKind, slug: string, lang: Language): Promise<Resolved | undefined> {
  const item = await cache.get(kind, slug);
  return item ? cache.resolve(item, lang) : undefined;
}

/** Related items may be rights articles or guides: look in both. */
export async function relatedLinks(cache: ContentCache, item: Item, lang: Language): Promise<ItemLink[]> {
  const links: ItemLink[] = [];
  for (const slug of item.related) {
    const related = (await cache.get('rights', slug)) ?? (await cache.get('guides', slug));
    const resolved = related && cache.resolve(related, lang);
    if (resolved) links.push(toLink(lang, resolved));
  }
  return links;
}

/** The index shows rights articles, then guides (the first guides' topic is the page's #guides), in this order. */
const RIGHTS_TOPICS = TOPICS.rights;
const GUIDE_TOPICS = TOPICS.guides;
const FAQ_TOPICS = TOPICS.faq;

export interface TopicGroup {
  topic: string;
  items: Resolved[];
}

/** Items of one kind, resolved for the language and grouped by topic in the given order. */
async function groupedItems(cache: ContentCache, kind: ContentKind, lang: Language, topicOrder: readonly string[]): Promise<TopicGroup[]> {
  const items = await cache.list(kind);
  return topicOrder
    .map((topic) => ({
      topic,
      items: items
        .filter((item) => item.topic === topic)
        .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug))
        .flatMap((item) => cache.resolve(item, lang) ?? []),
    }))
    .filter((group) => group.items.length > 0);
}

/** The rights index: rights articles and guides, grouped by topic. */
export async function indexGroups(cache: ContentCache, lang: Language): Promise<TopicGroup[]> {
  const [rights, guides] = await Promise.all([groupedItems(cache, 'rights', lang, RIGHTS_TOPICS), groupedItems(cache, 'guides', lang, GUIDE_TOPICS)]);
  return [...rights, ...guides];
}

/** The FAQ page's questions, grouped by topic. */
export function faqGroups(cache: ContentCache, lang: Language): Promise<TopicGroup[]> {
  return groupedItems(cache, 'faq', lang, FAQ_TOPICS);
}

export interface SearchResult {
  href: string;
  title: string;
  snippet: SearchHit['snippet'];
}

export type SearchOutcome =
  { kind: 'empty' } | { kind: 'tooLong'; max: number } | { kind: 'noWords' } | { kind: 'tooComplex' } | { kind: 'results'; results: SearchResult[] };

/** One page of results, the best ten: snippets are cut for these only. */
const RESULTS_SHOWN = 10;

/** Minus signs with nothing but punctuation or spaces between them: nobody means more than one, so it is a query to correct. */
const MINUS_RUN = /-(?:[^\p{L}\p{N}]*-){4,}/u;

/** Why a query cannot be searched (or nothing was asked), or undefined when it can. */
export function unsearchable(query: string, maxLength: number): Exclude<SearchOutcome, { kind: 'results' }> | undefined {
  if (query === '') return { kind: 'empty' };
  if (query.length > maxLength) return { kind: 'tooLong', max: maxLength };
  if (!/[\p{L}\p{N}]/u.test(query)) return { kind: 'noWords' };
  if (MINUS_RUN.test(query)) return { kind: 'tooComplex' };
  return undefined;
}

/** Whether a search can be run, and its results; anything but `empty` and `results` is the reader's input to correct. */
export function search(index: SearchIndex, lang: Language, query: string, maxLength: number): SearchOutcome {
  const refused = unsearchable(query, maxLength);
  if (refused) return refused;
  const hits = index.search(lang, query, RESULTS_SHOWN);
  return { kind: 'results', results: hits.map((hit) => ({ href: itemPath(lang, hit.kind, hit.slug), title: hit.title, snippet: hit.snippet })) };
}
