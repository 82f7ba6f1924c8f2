/** Versions of translations (every one kept) and the published projection the public pages read. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { ChangeKind, VersionStatus } from './workflow.ts';

type Db = Knex | Knex.Transaction;

export interface VersionRow {
  id: number;
  item_id: number;
  lang: Language;
  number: number;
  status: VersionStatus;
  origin: 'seed' | 'editor';
  change_kind: ChangeKind;
  based_on: Partial<Record<Language, number>>;
  title: string;
  summary: string;
  legal_basis: string;
  last_reviewed: string;
  body_markdown: string;
  related: string[];
  extra: Record<string, unknown>;
  source_checksum: string | null;
  author_id: number | null;
  reviewer_id: number | null;
  publish_at: Date | null;
  published_at: Date | null;
  created_at: Date;
}

export type NewVersion = Omit<VersionRow, 'id' | 'number' | 'reviewer_id' | 'publish_at' | 'published_at' | 'created_at'>;

const PLAIN_COLUMNS = [
  'id',
  'item_id',
  'lang',
  'number',
  'status',
  'origin',
  'change_kind',
  'based_on',
  'title',
  'summary',
  'legal_basis',
  'body_markdown',
  'related',
  'extra',
  'source_checksum',
  'author_id',
  'reviewer_id',
  'publish_at',
  'published_at',
  'created_at',
];

/** Every column, the date as the YYYY-MM-DD it was typed as (not a Date at midnight in some time zone). */
function columns(db: Db) {
  return [...PLAIN_COLUMNS, db.raw("to_char(last_reviewed, 'YYYY-MM-DD') as last_reviewed")];
}

function versions(db: Db) {
  return db('content_versions');
}

/** Holds the item's row until the transaction ends: two saves or approvals of one item never interleave. */
export async function lockItem(trx: Knex.Transaction, itemId: number): Promise<boolean> {
  return Boolean(await trx('content_items').where({ id: itemId }).forUpdate().first('id'));
}

export async function insertVersion(trx: Knex.Transaction, version: NewVersion): Promise<VersionRow> {
  const last = await versions(trx).where({ item_id: version.item_id, lang: version.lang }).max<{ max: number | null }>('number as max').first();
  const [row] = await versions(trx)
    .insert({ ...version, number: (last?.max ?? 0) + 1, based_on: JSON.stringify(version.based_on), extra: JSON.stringify(version.extra) })
    .returning<{ id: number }[]>('id');
  const created = row && (await versions(trx).where({ id: row.id }).first<VersionRow | undefined>(columns(trx)));
  if (!created) throw new Error('content version not created');
  return created;
}

export function latestVersion(db: Db, itemId: number, lang: Language): Promise<VersionRow | undefined> {
  return versions(db).where({ item_id: itemId, lang }).orderBy('number', 'desc').first<VersionRow | undefined>(columns(db));
}

export function latestSeedVersion(db: Db, itemId: number, lang: Language): Promise<VersionRow | undefined> {
  return versions(db).where({ item_id: itemId, lang, origin: 'seed' }).orderBy('number', 'desc').first<VersionRow | undefined>(columns(db));
}

export function versionByNumber(db: Db, itemId: number, lang: Language, number: number): Promise<VersionRow | undefined> {
  return versions(db).where({ item_id: itemId, lang, number }).first<VersionRow | undefined>(columns(db));
}

export function versionHistory(db: Db, itemId: number, lang: Language): Promise<VersionRow[]> {
  return versions(db).where({ item_id: itemId, lang }).orderBy('number', 'desc').select<VersionRow[]>(columns(db));
}

export function publishedVersions(db: Db, itemId: number): Promise<VersionRow[]> {
  return versions(db).where({ item_id: itemId, status: 'published' }).select<VersionRow[]>(columns(db));
}

export async function updateVersion(
  trx: Knex.Transaction,
  id: number,
  changes: Partial<Pick<VersionRow, 'status' | 'reviewer_id' | 'publish_at' | 'published_at' | 'source_checksum'>>,
): Promise<void> {
  await versions(trx)
    .where({ id })
    .update({ ...changes, updated_at: trx.fn.now() });
}

/** The published version of a translation becomes archived (a newer one replaces it, or it is withdrawn). */
export async function archivePublished(trx: Knex.Transaction, itemId: number, lang: Language): Promise<void> {
  await versions(trx).where({ item_id: itemId, lang, status: 'published' }).update({ status: 'archived', updated_at: trx.fn.now() });
}

/** Scheduled versions whose time has come, locked for this transaction (another instance skips them). */
export function dueVersions(trx: Knex.Transaction, now: Date): Promise<{ id: number; item_id: number; lang: Language; number: number }[]> {
  return versions(trx).where('status', 'scheduled').andWhere('publish_at', '<=', now).forUpdate().skipLocked().select('id', 'item_id', 'lang', 'number');
}

export interface ProjectionInput {
  itemId: number;
  lang: Language;
  number: number;
  title: string;
  summary: string;
  legalBasis: string;
  lastReviewed: string;
  bodyMarkdown: string;
  bodyHtml: string;
  bodyText: string;
  extra: Record<string, unknown>;
  checksum: string;
}

/** Writes the version the public reads for a translation. */
export async function upsertProjection(trx: Knex.Transaction, input: ProjectionInput): Promise<void> {
  const values = {
    title: input.title,
    summary: input.summary,
    legal_basis: input.legalBasis,
    last_reviewed: input.lastReviewed,
    body_markdown: input.bodyMarkdown,
    body_html: input.bodyHtml,
    body_text: input.bodyText,
    extra: JSON.stringify(input.extra),
    source_checksum: input.checksum,
    version_number: input.number,
  };
  await trx('content_translations')
    .insert({ item_id: input.itemId, lang: input.lang, ...values })
    .onConflict(['item_id', 'lang'])
    .merge({ ...values, updated_at: trx.fn.now() });
}

export async function deleteProjection(trx: Knex.Transaction, itemId: number, lang: Language): Promise<void> {
  await trx('content_translations').where({ item_id: itemId, lang }).delete();
}

export async function markOutdated(trx: Knex.Transaction, itemId: number, outdated: readonly Language[]): Promise<void> {
  await trx('content_translations')
    .where({ item_id: itemId })
    .update({ outdated: trx.raw('lang = any(?)', [outdated as Language[]]) });
}

/** A published change: the item's related links follow it, and its version moves on (caches key on it). */
export async function touchItem(trx: Knex.Transaction, itemId: number, related: readonly string[] | undefined): Promise<void> {
  await trx('content_items')
    .where({ id: itemId })
    .update({ ...(related ? { related: related as string[] } : {}), updated_at: trx.fn.now() })
    .increment('version', 1);
}
