/**
 * Published content, held in memory: a reader's page needs no database round trip. The whole set is
 * loaded on first use and dropped whenever any instance announces a change (content_changed); the search
 * index is built from it, with the synonym lists, on the first search after each load.
 *
 * An item missing in the requested language, or whose translation is outdated (its source language changed
 * since), is served in the next language of the chain (by default ky → ru → en, ru → en → ky, en → ru → ky;
 * CONTENT_FALLBACKS), and marked as such so the page can say so.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { NotificationListener } from '../../db/notifications.ts';
import { CONTENT_CHANGED_CHANNEL, loadPublished, loadSynonyms, type PublishedRow } from './repository.ts';
import { buildSearchIndex, type SearchIndex } from './search-index.ts';
import { parseSynonyms } from './search-text.ts';
import type { LetterExtra } from './letter-template.ts';
import type { HelpExtra } from './help-form.ts';
import type { QuizExtra } from './quiz-form.ts';
import type { CampaignExtra } from './front-matter.ts';
import type { ContentKind } from './source.ts';

export interface Translation {
  lang: Language;
  title: string;
  summary: string;
  legalBasis: string;
  lastReviewed: string;
  bodyHtml: string;
  bodyText: string;
  extra: Partial<CampaignExtra & LetterExtra & QuizExtra & HelpExtra>;
  /** Another language changed since this translation was made from it. */
  outdated: boolean;
}

export interface Item {
  kind: ContentKind;
  slug: string;
  topic: string;
  order: number;
  related: string[];
  version: number;
  translations: Partial<Record<Language, Translation>>;
}

export interface Resolved {
  item: Item;
  translation: Translation;
  /** True when another language than the page's is shown. */
  fallback: boolean;
  /** Why the page's own language is not shown, or (when no language is up to date) that it is shown outdated. */
  reason: 'missing' | 'outdated' | undefined;
}

export type Fallbacks = Record<Language, readonly Language[]>;

export const DEFAULT_FALLBACKS: Fallbacks = { ky: ['ky', 'ru', 'en'], ru: ['ru', 'en', 'ky'], en: ['en', 'ru', 'ky'] };

/** The first up-to-date translation along the chain; failing that, the first that exists, marked outdated. */
export function resolveTranslation(item: Item, lang: Language, fallbacks: Fallbacks = DEFAULT_FALLBACKS): Resolved | undefined {
  const chain = [lang, ...fallbacks[lang].filter((candidate) => candidate !== lang)];
  const own = item.translations[lang];
  const reasonFor = (shown: Language): Resolved['reason'] => (shown !== lang ? (own ? 'outdated' : 'missing') : own?.outdated ? 'outdated' : undefined);
  const found = chain.map((candidate) => item.translations[candidate]).filter((translation) => translation !== undefined);
  const translation = found.find((candidate) => !candidate.outdated) ?? found[0];
  return translation && { item, translation, fallback: translation.lang !== lang, reason: reasonFor(translation.lang) };
}

interface Snapshot {
  items: Map<string, Item>;
  byKind: Map<ContentKind, Item[]>;
  /** Built on the first search: a reading page never waits for it. */
  searchIndex: () => SearchIndex;
}

/** The kinds that are pages to find. A letter template, a quiz question or a step of the guide is not: a tool shows it. */
const SEARCHED: ReadonlySet<ContentKind> = new Set(['rights', 'guides', 'faq', 'campaigns', 'notices']);

function indexFor(items: Iterable<Item>, synonymRows: { lang: Language; source: string }[]): SearchIndex {
  const texts = [...items]
    .filter((item) => SEARCHED.has(item.kind))
    .flatMap((item) =>
      Object.values(item.translations).map(({ lang, title, summary, bodyText }) => ({ kind: item.kind, slug: item.slug, lang, title, summary, bodyText })),
    );
  return buildSearchIndex(texts, Object.fromEntries(synonymRows.map(({ lang, source }) => [lang, parseSynonyms(lang, source)])));
}

function buildSnapshot([rows, synonymRows]: [PublishedRow[], { lang: Language; source: string }[]]): Snapshot {
  const items = new Map<string, Item>();
  for (const row of rows) {
    const key = `${row.kind}/${row.slug}`;
    let item = items.get(key);
    if (!item) {
      item = { kind: row.kind, slug: row.slug, topic: row.topic, order: row.sort_order, related: row.related, version: row.version, translations: {} };
      items.set(key, item);
    }
    item.translations[row.lang] = {
      lang: row.lang,
      title: row.title,
      summary: row.summary,
      legalBasis: row.legal_basis,
      lastReviewed: row.last_reviewed,
      bodyHtml: row.body_html,
      bodyText: row.body_text,
      extra: row.extra,
      outdated: row.outdated,
    };
  }
  const byKind = Map.groupBy(items.values(), (item) => item.kind);
  let searchIndex: SearchIndex | undefined;
  return { items, byKind, searchIndex: () => (searchIndex ??= indexFor(items.values(), synonymRows)) };
}

export interface ContentCache {
  get(kind: ContentKind, slug: string): Promise<Item | undefined>;
  list(kind: ContentKind): Promise<Item[]>;
  searchIndex(): Promise<SearchIndex>;
  /** An item in a language, along the configured fallback chain. */
  resolve(item: Item, lang: Language): Resolved | undefined;
  invalidate(): void;
}

export function createContentCache(knex: Knex, listener: NotificationListener, fallbacks: Fallbacks = DEFAULT_FALLBACKS): ContentCache {
  let snapshot: Promise<Snapshot> | undefined;
  const load = (): Promise<Snapshot> => {
    snapshot ??= Promise.all([loadPublished(knex), loadSynonyms(knex)]).then(buildSnapshot, (error: unknown) => {
      // A failed load (database restarting) must not stick: the next reader tries again.
      snapshot = undefined;
      throw error;
    });
    return snapshot;
  };
  const invalidate = (): void => {
    snapshot = undefined;
  };
  listener.on(CONTENT_CHANGED_CHANNEL, invalidate);
  return {
    async get(kind, slug) {
      return (await load()).items.get(`${kind}/${slug}`);
    },
    async list(kind) {
      return (await load()).byKind.get(kind) ?? [];
    },
    async searchIndex() {
      return (await load()).searchIndex();
    },
    resolve: (item, lang) => resolveTranslation(item, lang, fallbacks),
    invalidate,
  };
}
