/**
 * Loads the repository's content files into the database: idempotent (a file already loaded, or one that says
 * what is published, changes nothing), in one transaction. A file that changed becomes a new published version
 * of its translation — unless editors have changed that translation in the back office since the last file
 * was loaded: then the file is not loaded and the conflict is reported (the back office is the source now).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { LANGUAGES, type Language } from '../../config.ts';
import { contentChecksum, publishVersion } from './publishing.ts';
import { notifyContentChanged, upsertItem, upsertSynonyms } from './repository.ts';
import { checkConsistency, CONTENT_KINDS, ContentError, parseContentFile, type ContentSource } from './source.ts';
import { insertVersion, latestSeedVersion, latestVersion, publishedVersions, updateVersion, type VersionRow } from './versions-repository.ts';
import { basedOnNow } from './workflow.ts';

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
  /** `kind/slug.lang` of files not loaded because editors changed that translation since. */
  conflicts: string[];
}

/** The version a file describes, in the columns a version keeps. */
function asVersion(source: ContentSource) {
  return {
    title: source.title,
    summary: source.summary,
    legal_basis: source.legalBasis,
    last_reviewed: source.lastReviewed,
    body_markdown: source.bodyMarkdown,
    related: source.related,
    extra: source.extra as Record<string, unknown>,
  };
}

type Outcome = 'unchanged' | 'loaded' | 'conflict';

/**
 * The rule for one file, given its translation's latest version, its published one and the latest version
 * loaded from a file: a file already loaded, or saying what the latest or the published version says, is
 * skipped; a changed file is loaded unless editors have made a version since the files' last one.
 */
export function seedDecision(
  source: { checksum: string; fingerprint: string },
  latest: { origin: 'seed' | 'editor'; fingerprint: string } | undefined,
  lastSeed: { checksum: string | null } | undefined,
  publishedFingerprint?: string,
): 'load' | 'skip' | 'conflict' {
  if (!latest) return 'load';
  if ([latest.fingerprint, publishedFingerprint].includes(source.fingerprint) || lastSeed?.checksum === source.checksum) return 'skip';
  return latest.origin === 'seed' ? 'load' : 'conflict';
}

async function syncTranslation(trx: Knex.Transaction, itemId: number, source: ContentSource, now: Date): Promise<Outcome> {
  const latest = await latestVersion(trx, itemId, source.lang);
  const lastSeed = latest && (await latestSeedVersion(trx, itemId, source.lang));
  const publishedNow = (await publishedVersions(trx, itemId)).find((version) => version.lang === source.lang);
  const fields = asVersion(source);
  const decision = seedDecision(
    { checksum: source.checksum, fingerprint: contentChecksum(fields) },
    latest && { origin: latest.origin, fingerprint: contentChecksum(latest) },
    lastSeed && { checksum: lastSeed.source_checksum },
    publishedNow && contentChecksum(publishedNow),
  );
  if (decision === 'conflict') return 'conflict';
  if (decision === 'skip') {
    // The same words in a file written by content:export: remember the file, so the next run skips it at once.
    if (lastSeed && latest.origin === 'seed' && lastSeed.source_checksum !== source.checksum)
      await updateVersion(trx, lastSeed.id, { source_checksum: source.checksum });
    return 'unchanged';
  }
  const published = Object.fromEntries((await publishedVersions(trx, itemId)).map((version: VersionRow) => [version.lang, version]));
  const version = await insertVersion(trx, {
    item_id: itemId,
    lang: source.lang,
    status: 'draft',
    origin: 'seed',
    change_kind: 'seed',
    based_on: basedOnNow(source.lang, published),
    ...fields,
    source_checksum: source.checksum,
    author_id: null,
  });
  await publishVersion(trx, version, null, now);
  return 'loaded';
}

export async function syncContent(knex: Knex, sources: readonly ContentSource[], now = new Date()): Promise<SyncSummary> {
  return knex.transaction(async (trx) => {
    const summary: SyncSummary = { items: 0, translations: sources.length, changed: 0, conflicts: [] };
    const items = new Set<string>();
    for (const source of sources) {
      items.add(`${source.kind}/${source.slug}`);
      const item = await upsertItem(trx, source);
      const outcome = await syncTranslation(trx, item.id, source, now);
      if (outcome === 'loaded') summary.changed++;
      if (outcome === 'conflict') summary.conflicts.push(`${source.kind}/${source.slug}.${source.lang}`);
    }
    summary.items = items.size;
    return summary;
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
