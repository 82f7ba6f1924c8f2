/** What the back office lists: every item, the latest version of each translation, and what is published. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { ContentKind } from './source.ts';
import type { VersionRow } from './versions-repository.ts';
import type { VersionStatus } from './workflow.ts';

type Db = Knex | Knex.Transaction;

export interface ItemRow {
  id: number;
  kind: ContentKind;
  slug: string;
  topic: string;
  related: string[];
}

export function allItems(db: Db): Promise<ItemRow[]> {
  return db('content_items')
    .select<ItemRow[]>('id', 'kind', 'slug', 'topic', 'related')
    .orderBy([{ column: 'kind' }, { column: 'topic' }, { column: 'sort_order' }, { column: 'slug' }]);
}

export function itemById(db: Db, id: number): Promise<ItemRow | undefined> {
  return db('content_items').where({ id }).first<ItemRow | undefined>('id', 'kind', 'slug', 'topic', 'related');
}

export interface LatestRow {
  item_id: number;
  lang: Language;
  number: number;
  status: VersionStatus;
  title: string;
}

export function latestPerTranslation(db: Db): Promise<LatestRow[]> {
  return db('content_versions')
    .distinctOn('item_id', 'lang')
    .select<LatestRow[]>('item_id', 'lang', 'number', 'status', 'title')
    .orderBy([{ column: 'item_id' }, { column: 'lang' }, { column: 'number', order: 'desc' }]);
}

export interface ProjectionRow {
  item_id: number;
  lang: Language;
  version_number: number;
  outdated: boolean;
}

export function projectionStates(db: Db): Promise<ProjectionRow[]> {
  return db('content_translations').select<ProjectionRow[]>('item_id', 'lang', 'version_number', 'outdated');
}

/** Of the given slugs, those that name no rights article or guide (related links go to those). */
export async function unknownSlugs(db: Db, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await db('content_items')
    .whereIn('kind', ['rights', 'guides'])
    .whereIn('slug', slugs as string[])
    .select<{ slug: string }[]>('slug');
  const known = new Set(rows.map((row) => row.slug));
  return slugs.filter((slug) => !known.has(slug));
}

/** A published version's texts, with its item's place. */
export type ExportRow = { kind: ContentKind; slug: string; topic: string; sort_order: number } & Pick<
  VersionRow,
  'lang' | 'title' | 'summary' | 'legal_basis' | 'last_reviewed' | 'body_markdown' | 'related' | 'extra'
>;

/** Every published version with its item's place and related items (shared by the languages), for writing the files back. */
export function publishedForExport(db: Db): Promise<ExportRow[]> {
  return db('content_versions as v')
    .join('content_items as i', 'i.id', 'v.item_id')
    .where('v.status', 'published')
    .select<ExportRow[]>(
      'i.kind',
      'i.slug',
      'i.topic',
      'i.sort_order',
      'v.lang',
      'v.title',
      'v.summary',
      'v.legal_basis',
      db.raw("to_char(v.last_reviewed, 'YYYY-MM-DD') as last_reviewed"),
      'v.body_markdown',
      'i.related',
      'v.extra',
    )
    .orderBy([{ column: 'i.kind' }, { column: 'i.slug' }, { column: 'v.lang' }]);
}

/** A new item; undefined when its kind already has an item with this slug. */
export async function insertItem(trx: Knex.Transaction, item: { kind: ContentKind; slug: string; topic: string }): Promise<number | undefined> {
  const [row] = await trx('content_items')
    .insert({ ...item, sort_order: 100, related: [] })
    .onConflict(['kind', 'slug'])
    .ignore()
    .returning<{ id: number }[]>('id');
  return row?.id;
}
