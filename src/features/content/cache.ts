/**
 * Published content, held in memory: a reader's page needs no database round trip. The whole set is
 * loaded on first use and dropped whenever any instance announces a change (content_changed).
 *
 * An item missing in the requested language is served in the next language of the chain ky → ru → en
 * (en → ru → ky), and marked as such so the page can say so.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { NotificationListener } from '../../db/notifications.ts';
import { CONTENT_CHANGED_CHANNEL, loadPublished, type PublishedRow } from './repository.ts';
import type { CampaignExtra, ContentKind } from './source.ts';

interface Translation {
  lang: Language;
  title: string;
  summary: string;
  legalBasis: string;
  lastReviewed: string;
  bodyHtml: string;
  extra: Partial<CampaignExtra>;
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
  /** True when the page's language was missing and another one is shown. */
  fallback: boolean;
}

export const FALLBACKS: Record<Language, readonly Language[]> = { ky: ['ky', 'ru', 'en'], ru: ['ru', 'en', 'ky'], en: ['en', 'ru', 'ky'] };

export function resolveTranslation(item: Item, lang: Language): Resolved | undefined {
  for (const candidate of FALLBACKS[lang]) {
    const translation = item.translations[candidate];
    if (translation) return { item, translation, fallback: candidate !== lang };
  }
  return undefined;
}

interface Snapshot {
  items: Map<string, Item>;
  byKind: Map<ContentKind, Item[]>;
}

function buildSnapshot(rows: PublishedRow[]): Snapshot {
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
      extra: row.extra,
    };
  }
  const byKind = Map.groupBy(items.values(), (item) => item.kind);
  return { items, byKind };
}

export interface ContentCache {
  get(kind: ContentKind, slug: string): Promise<Item | undefined>;
  list(kind: ContentKind): Promise<Item[]>;
  invalidate(): void;
}

export function createContentCache(knex: Knex, listener: NotificationListener): ContentCache {
  let snapshot: Promise<Snapshot> | undefined;
  const load = (): Promise<Snapshot> => {
    snapshot ??= loadPublished(knex).then(buildSnapshot, (error: unknown) => {
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
    invalidate,
  };
}
