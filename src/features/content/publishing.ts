/**
 * Publishing a version of a translation, for the seed and the back office alike: the previous published
 * version is archived, the public projection rewritten (Markdown rendered and sanitised here, once), the
 * other languages' "outdated" flags recomputed, and every instance told to drop its caches (the NOTIFY is
 * delivered when the transaction commits).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { notifyContentChanged } from './repository.ts';
import { plainText, renderMarkdown } from './source.ts';
import {
  archivePublished,
  deleteProjection,
  markOutdated,
  publishedVersions,
  touchItem,
  updateVersion,
  upsertProjection,
  type VersionRow,
} from './versions-repository.ts';
import { outdatedLanguages, type PublishedState } from './workflow.ts';

/**
 * A stable fingerprint of what a translation says (the projection keeps it, as it kept the file's checksum).
 * Related items are the item's, shared by its languages, and compared on the item: they are not part of it.
 */
export function contentChecksum(version: Pick<VersionRow, 'title' | 'summary' | 'legal_basis' | 'last_reviewed' | 'body_markdown' | 'extra'>): string {
  const canonical = sortedJson([version.title, version.summary, version.legal_basis, version.last_reviewed, version.body_markdown.trim(), version.extra]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the order they were written in. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

async function refreshOutdated(trx: Knex.Transaction, itemId: number): Promise<Set<Language>> {
  const published = await publishedVersions(trx, itemId);
  const states: Partial<Record<Language, PublishedState>> = Object.fromEntries(
    published.map((version) => [version.lang, { number: version.number, changeKind: version.change_kind, basedOn: version.based_on }]),
  );
  const outdated = outdatedLanguages(states);
  await markOutdated(trx, itemId, [...outdated]);
  return outdated;
}

export async function publishVersion(trx: Knex.Transaction, version: VersionRow, reviewerId: number | null, now: Date): Promise<void> {
  await archivePublished(trx, version.item_id, version.lang);
  await updateVersion(trx, version.id, { status: 'published', published_at: now, ...(reviewerId === null ? {} : { reviewer_id: reviewerId }) });
  const bodyHtml = renderMarkdown(version.body_markdown);
  await upsertProjection(trx, {
    itemId: version.item_id,
    lang: version.lang,
    number: version.number,
    title: version.title,
    summary: version.summary,
    legalBasis: version.legal_basis,
    lastReviewed: version.last_reviewed,
    bodyMarkdown: version.body_markdown,
    bodyHtml,
    bodyText: plainText(bodyHtml),
    extra: version.extra,
    checksum: version.source_checksum ?? contentChecksum(version),
  });
  await refreshOutdated(trx, version.item_id);
  await touchItem(trx, version.item_id, version.related);
  await notifyContentChanged(trx);
}

/** Withdraws a translation from the public pages: readers get the fallback language instead. */
export async function withdrawTranslation(trx: Knex.Transaction, itemId: number, lang: Language): Promise<void> {
  await archivePublished(trx, itemId, lang);
  await deleteProjection(trx, itemId, lang);
  await refreshOutdated(trx, itemId);
  await touchItem(trx, itemId, undefined);
  await notifyContentChanged(trx);
}
