/** Content storage: items, their translations and the search synonym lists. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { ContentKind, ContentSource } from './source.ts';

export const CONTENT_CHANGED_CHANNEL = 'content_changed';

/**
 * Creates or updates an item's language-independent fields; returns its id and whether anything changed.
 * Related items edited in the back office are the editors' from then on: the files no longer set them.
 */
export async function upsertItem(trx: Knex.Transaction, source: ContentSource): Promise<{ id: number; changed: boolean }> {
  const existing = await trx('content_items')
    .where({ kind: source.kind, slug: source.slug })
    .first<{ id: number; topic: string; sort_order: number; related: string[] } | undefined>();
  if (!existing) {
    const [row] = await trx('content_items')
      .insert({ kind: source.kind, slug: source.slug, topic: source.topic, sort_order: source.order, related: source.related })
      .returning<{ id: number }[]>('id');
    if (!row) throw new Error('content item not created');
    return { id: row.id, changed: true };
  }
  const edited = Boolean(await trx('content_versions').where({ item_id: existing.id, origin: 'editor' }).first('id'));
  const related = edited ? existing.related : source.related;
  const changed = existing.topic !== source.topic || existing.sort_order !== source.order || existing.related.join() !== related.join();
  if (changed) {
    await trx('content_items').where({ id: existing.id }).update({ topic: source.topic, sort_order: source.order, related, updated_at: trx.fn.now() });
  }
  return { id: existing.id, changed };
}

/** Tells every instance's content cache to reload (delivered when the transaction commits). */
export async function notifyContentChanged(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_notify(?, ?)', [CONTENT_CHANGED_CHANNEL, 'seed']);
}

export interface PublishedRow {
  kind: ContentKind;
  slug: string;
  topic: string;
  sort_order: number;
  related: string[];
  version: number;
  lang: Language;
  title: string;
  summary: string;
  legal_basis: string;
  last_reviewed: string;
  body_html: string;
  body_text: string;
  extra: Record<string, unknown>;
  outdated: boolean;
}

export async function loadPublished(knex: Knex): Promise<PublishedRow[]> {
  return knex('content_items as i')
    .join('content_translations as t', 't.item_id', 'i.id')
    .where('i.status', 'published')
    .select<PublishedRow[]>(
      'i.kind',
      'i.slug',
      'i.topic',
      'i.sort_order',
      'i.related',
      'i.version',
      't.lang',
      't.title',
      't.summary',
      't.legal_basis',
      knex.raw("to_char(t.last_reviewed, 'YYYY-MM-DD') as last_reviewed"),
      't.body_html',
      't.body_text',
      't.extra',
      't.outdated',
    )
    .orderBy([{ column: 'i.kind' }, { column: 'i.topic' }, { column: 'i.sort_order' }, { column: 'i.slug' }]);
}

/** The published translations of one item (other features quote content the authority edits). */
export async function publishedTranslations(
  knex: Knex,
  kind: ContentKind,
  slug: string,
): Promise<{ lang: Language; title: string; body_html: string; body_text: string }[]> {
  return knex('content_items as i')
    .join('content_translations as t', 't.item_id', 'i.id')
    .where({ 'i.kind': kind, 'i.slug': slug, 'i.status': 'published' })
    .select('t.lang', 't.title', 't.body_html', 't.body_text');
}

/** The stored synonym lists, by language. */
export async function loadSynonyms(knex: Knex): Promise<{ lang: Language; source: string }[]> {
  return knex('search_synonyms').select('lang', 'source');
}

/** Stores a language's synonym list; returns whether it changed. */
export async function upsertSynonyms(trx: Knex.Transaction, lang: Language, source: string, checksum: string): Promise<boolean> {
  const existing = await trx('search_synonyms').where({ lang }).first<{ source_checksum: string } | undefined>('source_checksum');
  if (existing?.source_checksum === checksum) return false;
  await trx('search_synonyms')
    .insert({ lang, source, source_checksum: checksum })
    .onConflict('lang')
    .merge({ source, source_checksum: checksum, updated_at: trx.fn.now() });
  return true;
}
