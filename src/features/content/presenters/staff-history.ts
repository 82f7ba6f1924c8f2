/** The history of a translation: every version, who made it (the reader, someone else, a file), and a comparison. */
import type { Language } from '../../../config.ts';
import { LANGUAGE_NAMES } from '../../../http/language.ts';
import { pathTo } from '../../../http/paths.ts';
import type { VersionRow } from '../editing.ts';
import type { FieldDiff } from '../review.ts';
import { withContext } from '../text-diff.ts';
import { STATUS_KEYS } from './staff-list.ts';

export interface HistoryView {
  heading: string;
  langName: string;
  editHref: string;
  versions: { number: number; statusKey: string; byKey: string; createdAt: Date; title: string; restoreHref: string }[];
  compare: { from: number; to: number; fields: { labelKey: string; parts: FieldDiff['parts'] }[] } | undefined;
  choices: { value: number; label: string }[];
}

const FIELD_KEYS: Record<FieldDiff['field'], string> = {
  title: 'editorial.fields.title',
  summary: 'editorial.fields.summary',
  legalBasis: 'editorial.fields.legalBasis',
  lastReviewed: 'editorial.fields.lastReviewed',
  bodyMarkdown: 'editorial.fields.body',
  related: 'editorial.fields.related',
};

function byKey(version: VersionRow, readerId: number): string {
  if (version.origin === 'seed') return 'editorial.history.byFile';
  return version.author_id === readerId ? 'editorial.history.byYou' : 'editorial.history.byOther';
}

export function presentHistory(
  itemId: number,
  lang: Language,
  versions: readonly VersionRow[],
  readerId: number,
  compare: { from: number; to: number; diffs: FieldDiff[] } | undefined,
): HistoryView {
  return {
    heading: versions[0]?.title ?? '',
    langName: LANGUAGE_NAMES[lang],
    editHref: pathTo('staff.content.edit', { id: itemId, lang }),
    versions: versions.map((version) => ({
      number: version.number,
      statusKey: STATUS_KEYS[version.status],
      byKey: byKey(version, readerId),
      createdAt: version.created_at,
      title: version.title,
      restoreHref: pathTo('staff.content.restore', { id: itemId, lang, number: version.number }),
    })),
    compare: compare && {
      from: compare.from,
      to: compare.to,
      fields: compare.diffs.map((diff) => ({ labelKey: FIELD_KEYS[diff.field], parts: withContext(diff.parts) })),
    },
    choices: versions.map((version) => ({ value: version.number, label: String(version.number) })),
  };
}
