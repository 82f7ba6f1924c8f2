/**
 * Word-level differences between two versions of a text, for the history page and the "needs update"
 * notice. jsdiff's word diff, with the language's own word boundaries (Intl.Segmenter): without them,
 * Cyrillic text would be compared letter by letter.
 */
import { diffWords } from 'diff';
import type { Language } from '../../config.ts';

export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

const segmenters = new Map<Language, Intl.Segmenter>();

function segmenter(lang: Language): Intl.Segmenter {
  let found = segmenters.get(lang);
  if (!found) segmenters.set(lang, (found = new Intl.Segmenter(lang, { granularity: 'word' })));
  return found;
}

export function wordDiff(before: string, after: string, lang: Language): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter(lang) }).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}
