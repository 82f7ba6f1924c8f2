/** Content and quiz storage, and PostgreSQL full-text search over published content. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { ContentKind, ContentSource } from './source.ts';

export const CONTENT_CHANGED_CHANNEL = 'content_changed';

/** Creates or updates an item's language-independent fields; returns its id and whether anything changed. */
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
  const changed = existing.topic !== source.topic || existing.sort_order !== source.order || existing.related.join() !== source.related.join();
  if (changed) {
    await trx('content_items')
      .where({ id: existing.id })
      .update({ topic: source.topic, sort_order: source.order, related: source.related, updated_at: trx.fn.now() });
  }
  return { id: existing.id, changed };
}

export async function translationChecksum(trx: Knex.Transaction, itemId: number, lang: Language): Promise<string | undefined> {
  const row = await trx('content_translations').where({ item_id: itemId, lang }).first<{ source_checksum: string } | undefined>('source_checksum');
  return row?.source_checksum;
}

export async function upsertTranslation(trx: Knex.Transaction, itemId: number, source: ContentSource): Promise<void> {
  await trx('content_translations')
    .insert({
      item_id: itemId,
      lang: source.lang,
      title: source.title,
      summary: source.summary,
      legal_basis: source.legalBasis,
      last_reviewed: source.lastReviewed,
      body_markdown: source.bodyMarkdown,
      body_html: source.bodyHtml,
      body_text: source.bodyText,
      extra: JSON.stringify(source.extra),
      source_checksum: source.checksum,
    })
    .onConflict(['item_id', 'lang'])
    .merge({
      title: source.title,
      summary: source.summary,
      legal_basis: source.legalBasis,
      last_reviewed: source.lastReviewed,
      body_markdown: source.bodyMarkdown,
      body_html: source.bodyHtml,
      body_text: source.bodyText,
      extra: JSON.stringify(source.extra),
      source_checksum: source.checksum,
      updated_at: trx.fn.now(),
    });
}

export async function bumpVersion(trx: Knex.Transaction, itemId: number): Promise<void> {
  await trx('content_items').where({ id: itemId }).increment('version', 1).update({ updated_at: trx.fn.now() });
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
  extra: Record<string, unknown>;
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
      't.extra',
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

export interface SearchRow {
  kind: ContentKind;
  slug: string;
  lang: Language;
  title: string;
  snippet: string;
  rank: number;
}

/** Control characters mark the highlighted words: they cannot occur in stored text, so escaping stays simple. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

const CONFIG: Record<Language, string> = { ru: 'russian', en: 'english', ky: 'simple' };

/**
 * Ranked full-text search over published content in one language. websearch_to_tsquery accepts any input
 * without syntax errors; for Kyrgyz (no stemmer in PostgreSQL) trigram similarity catches inflected forms.
 */
export async function searchPublished(knex: Knex, lang: Language, query: string, limit: number): Promise<SearchRow[]> {
  const config = CONFIG[lang];
  const result = await knex.raw<{ rows: SearchRow[] }>(
    `with q as (select websearch_to_tsquery(cast(:config as regconfig), :query) as tsq)
     select i.kind, i.slug, t.lang, t.title,
            ts_headline(cast(:config as regconfig), t.body_text, q.tsq,
              'StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=16, MaxFragments=2, FragmentDelimiter=" … "') as snippet,
            ts_rank_cd(t.search_vector, q.tsq) + case when :fuzzy then greatest(similarity(t.title, :query), word_similarity(:query, t.body_text) * 0.5) else 0 end as rank
     from content_translations t join content_items i on i.id = t.item_id, q
     where t.lang = :lang and i.status = 'published'
       and (t.search_vector @@ q.tsq or (:fuzzy and (:query <% t.body_text or similarity(t.title, :query) > 0.3)))
     order by rank desc, t.title
     limit :limit`,
    { config, query, lang, fuzzy: lang === 'ky', limit },
  );
  return result.rows;
}
