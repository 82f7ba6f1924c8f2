/**
 * The back office's content service: the list with each translation's state, an editor's view of one
 * translation (with what changed in its source language when it is outdated), saving drafts — a save made
 * from an older version than the latest is refused as a conflict, never merged or lost — and restoring an old
 * version as a new draft. Every change is an audit event in the same transaction.
 */
import type { Knex } from 'knex';
import { LANGUAGES, type Language } from '../../config.ts';
import { record } from '../audit/service.ts';
import type { StaffRole } from '../staff/permissions.ts';
import { allItems, insertItem, itemById, latestPerTranslation, projectionStates, unknownSlugs, type ItemRow } from './editorial-repository.ts';
import type { ContentKind } from './source.ts';
import { wordDiff, type DiffPart } from './text-diff.ts';
import { insertVersion, latestVersion, lockItem, publishedVersions, versionByNumber, type VersionRow } from './versions-repository.ts';
import { basedOnNow, type ChangeKind, type VersionStatus } from './workflow.ts';

export type { VersionRow } from './versions-repository.ts';

export interface Actor {
  id: number;
  role: StaffRole;
  requestId: string | null;
}

export interface TranslationState {
  latest: { number: number; status: VersionStatus } | undefined;
  published: number | undefined;
  outdated: boolean;
}

export interface ListedItem {
  item: ItemRow;
  title: string;
  translations: Record<Language, TranslationState>;
}

export async function listForEditors(knex: Knex): Promise<ListedItem[]> {
  const [items, latest, projection] = await Promise.all([allItems(knex), latestPerTranslation(knex), projectionStates(knex)]);
  const latestOf = new Map(latest.map((row) => [`${row.item_id}/${row.lang}`, row]));
  const projectionOf = new Map(projection.map((row) => [`${row.item_id}/${row.lang}`, row]));
  return items.map((item) => {
    const state = (lang: Language): TranslationState => {
      const row = latestOf.get(`${item.id}/${lang}`);
      const shown = projectionOf.get(`${item.id}/${lang}`);
      return { latest: row && { number: row.number, status: row.status }, published: shown?.version_number, outdated: shown?.outdated ?? false };
    };
    const translations = Object.fromEntries(LANGUAGES.map((lang) => [lang, state(lang)])) as Record<Language, TranslationState>;
    const title = LANGUAGES.map((lang) => latestOf.get(`${item.id}/${lang}`)?.title).find(Boolean) ?? item.slug;
    return { item, title, translations };
  });
}

/** What changed in another language since this translation was made from it. */
interface SourceChange {
  lang: Language;
  from: number;
  to: number;
  diff: DiffPart[];
}

export interface EditorState {
  item: ItemRow;
  latest: VersionRow | undefined;
  published: VersionRow | undefined;
  sourceChanges: SourceChange[];
}

async function sourceChanges(knex: Knex, itemId: number, own: VersionRow | undefined, published: VersionRow[]): Promise<SourceChange[]> {
  const changes: SourceChange[] = [];
  for (const source of published) {
    const from = own?.based_on[source.lang] ?? 0;
    if (!own || source.lang === own.lang || source.change_kind !== 'change' || from >= source.number) continue;
    const before = from > 0 ? await versionByNumber(knex, itemId, source.lang, from) : undefined;
    changes.push({ lang: source.lang, from, to: source.number, diff: wordDiff(before?.body_markdown ?? '', source.body_markdown, source.lang) });
  }
  return changes;
}

export async function editorState(knex: Knex, itemId: number, lang: Language): Promise<EditorState | undefined> {
  const item = await itemById(knex, itemId);
  if (!item) return undefined;
  const [latest, published] = await Promise.all([latestVersion(knex, itemId, lang), publishedVersions(knex, itemId)]);
  const own = published.find((version) => version.lang === lang);
  return { item, latest, published: own, sourceChanges: await sourceChanges(knex, itemId, own, published) };
}

export interface DraftInput {
  itemId: number;
  lang: Language;
  /** The latest version number when the editor opened the form (0: none). */
  base: number;
  changeKind: Exclude<ChangeKind, 'seed'>;
  title: string;
  summary: string;
  legalBasis: string;
  lastReviewed: string;
  bodyMarkdown: string;
  related: string[];
  /** A campaign's own texts; otherwise those of the version the draft is made from are kept. */
  extra?: Record<string, unknown>;
}

export type SaveOutcome = { kind: 'saved'; version: VersionRow } | { kind: 'conflict'; theirs: VersionRow } | { kind: 'unknownRelated'; slugs: string[] };

export async function saveDraft(knex: Knex, input: DraftInput, actor: Actor): Promise<SaveOutcome> {
  return knex.transaction(async (trx): Promise<SaveOutcome> => {
    if (!(await lockItem(trx, input.itemId))) throw new Error('content item not found');
    const unknown = await unknownSlugs(trx, input.related);
    if (unknown.length > 0) return { kind: 'unknownRelated', slugs: unknown };
    const latest = await latestVersion(trx, input.itemId, input.lang);
    if ((latest?.number ?? 0) !== input.base && latest) return { kind: 'conflict', theirs: latest };
    const published = Object.fromEntries((await publishedVersions(trx, input.itemId)).map((version) => [version.lang, version]));
    const version = await insertVersion(trx, {
      item_id: input.itemId,
      lang: input.lang,
      status: 'draft',
      origin: 'editor',
      change_kind: input.changeKind,
      based_on: basedOnNow(input.lang, published),
      title: input.title,
      summary: input.summary,
      legal_basis: input.legalBasis,
      last_reviewed: input.lastReviewed,
      body_markdown: input.bodyMarkdown,
      related: input.related,
      // A campaign's own texts come from the form; without them the version it was made from keeps its own.
      extra: input.extra ?? latest?.extra ?? {},
      source_checksum: null,
      author_id: actor.id,
    });
    await audit(trx, actor, 'content.draft_saved', version);
    return { kind: 'saved', version };
  });
}

/** An old version's text becomes a new draft (nothing is overwritten; the old version stays in the history). */
export async function restoreVersion(knex: Knex, itemId: number, lang: Language, number: number, actor: Actor): Promise<VersionRow | undefined> {
  return knex.transaction(async (trx) => {
    if (!(await lockItem(trx, itemId))) return undefined;
    const old = await versionByNumber(trx, itemId, lang, number);
    if (!old) return undefined;
    const published = Object.fromEntries((await publishedVersions(trx, itemId)).map((version) => [version.lang, version]));
    const { title, summary, legal_basis, last_reviewed, body_markdown, related, extra } = old;
    const version = await insertVersion(trx, {
      ...{ title, summary, legal_basis, last_reviewed, body_markdown, related, extra },
      item_id: itemId,
      lang,
      status: 'draft',
      origin: 'editor',
      change_kind: 'change',
      based_on: basedOnNow(lang, published),
      source_checksum: null,
      author_id: actor.id,
    });
    await audit(trx, actor, 'content.restored', version, { restored_from: number });
    return version;
  });
}

export interface NewItemInput {
  kind: Exclude<ContentKind, 'campaigns'>;
  slug: string;
  topic: string;
  lang: Language;
  title: string;
  summary: string;
  legalBasis: string;
  lastReviewed: string;
  bodyMarkdown: string;
}

/** A new item with its first draft, in one language; `taken` when the slug is already used by its kind. */
export async function createItem(knex: Knex, input: NewItemInput, actor: Actor): Promise<{ kind: 'created'; itemId: number } | { kind: 'taken' }> {
  return knex.transaction(async (trx) => {
    const itemId = await insertItem(trx, { kind: input.kind, slug: input.slug, topic: input.topic });
    if (itemId === undefined) return { kind: 'taken' as const };
    const version = await insertVersion(trx, {
      item_id: itemId,
      lang: input.lang,
      status: 'draft',
      origin: 'editor',
      change_kind: 'change',
      based_on: {},
      title: input.title,
      summary: input.summary,
      legal_basis: input.legalBasis,
      last_reviewed: input.lastReviewed,
      body_markdown: input.bodyMarkdown,
      related: [],
      extra: {},
      source_checksum: null,
      author_id: actor.id,
    });
    await audit(trx, actor, 'content.item_created', version, { slug: input.slug });
    return { kind: 'created' as const, itemId };
  });
}

export async function audit(
  trx: Knex.Transaction,
  actor: Actor | null,
  action: string,
  version: VersionRow,
  details: Record<string, number | string> = {},
): Promise<void> {
  await record(trx, {
    actorType: actor ? 'staff' : 'system',
    actorId: actor?.id ?? null,
    action,
    entityType: 'content',
    entityId: version.item_id,
    requestId: actor?.requestId ?? null,
    details: { lang: version.lang, number: version.number, ...details },
  });
}
