/**
 * Loads the repository's content files into the database: idempotent (unchanged files are skipped by
 * checksum, nothing is duplicated), in one transaction, and announces the change to every instance's cache.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { LANGUAGES, type Language } from '../../config.ts';
import { bumpVersion, notifyContentChanged, translationChecksum, upsertItem, upsertSynonyms, upsertTranslation } from './repository.ts';
import { checkConsistency, CONTENT_KINDS, ContentError, parseContentFile, type ContentSource } from './source.ts';

export async function readContentDirectory(root: string): Promise<ContentSource[]> {
  const sources: ContentSource[] = [];
  for (const kind of CONTENT_KINDS) {
    const dir = path.join(root, kind);
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.filter((name) => name.endsWith('.md')).sort()) {
      sources.push(parseContentFile(kind, file, await readFile(path.join(dir, file), 'utf8')));
    }
  }
  const byItem = Map.groupBy(sources, (source) => `${source.kind}/${source.slug}`);
  const problems = [...byItem.values()].flatMap(checkConsistency);
  if (problems.length > 0) throw new ContentError(root, problems.join('\n'));
  return sources;
}

export interface SyncSummary {
  items: number;
  translations: number;
  changed: number;
}

export async function syncContent(knex: Knex, sources: readonly ContentSource[]): Promise<SyncSummary> {
  return knex.transaction(async (trx) => {
    let changed = 0;
    const items = new Set<string>();
    for (const source of sources) {
      items.add(`${source.kind}/${source.slug}`);
      const item = await upsertItem(trx, source);
      const previous = await translationChecksum(trx, item.id, source.lang);
      if (previous === source.checksum && !item.changed) continue;
      await upsertTranslation(trx, item.id, source);
      if (previous !== undefined) await bumpVersion(trx, item.id);
      changed++;
    }
    if (changed > 0) await notifyContentChanged(trx);
    return { items: items.size, translations: sources.length, changed };
  });
}

export interface SynonymList {
  lang: Language;
  source: string;
}

/** The search synonym lists, `<root>/synonyms/<lang>.txt` (a missing file is an empty list). */
export async function readSynonymFiles(root: string): Promise<SynonymList[]> {
  return Promise.all(LANGUAGES.map(async (lang) => ({ lang, source: await readFile(path.join(root, 'synonyms', `${lang}.txt`), 'utf8').catch(() => '') })));
}

/** Stores the synonym lists (unchanged ones skipped) and tells every instance's search index to rebuild. */
export async function syncSynonyms(knex: Knex, lists: readonly SynonymList[]): Promise<number> {
  return knex.transaction(async (trx) => {
    let changed = 0;
    for (const { lang, source } of lists) {
      if (await upsertSynonyms(trx, lang, source, createHash('sha256').update(source).digest('hex'))) changed++;
    }
    if (changed > 0) await notifyContentChanged(trx);
    return changed;
  });
}
