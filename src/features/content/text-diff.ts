/**
 * Word-level differences between two versions of a text, for the history page and the "needs update"
 * notice. jsdiff's word diff, with the language's own word boundaries (Intl.Segmenter): without them,
 * Cyrillic text would be compared letter by letter.
 */
import { diffWords } from 'diff';
import type { Language } from '../../config.ts';

export interface DiffPart {
  text: string;
  /** `gap`: unchanged text left out between two changes. */
  change: 'same' | 'added' | 'removed' | 'gap';
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

/**
 * The differences with long unchanged stretches shortened to the `keep` characters next to each change (a long
 * article changed in one sentence shows that sentence, not the whole article).
 */
export function withContext(parts: readonly DiffPart[], keep = 160): DiffPart[] {
  return parts.flatMap((part, index): DiffPart[] => {
    if (part.change !== 'same' || part.text.length <= 2 * keep + 40) return [part];
    const head = index === 0 ? '' : part.text.slice(0, keep);
    const tail = index === parts.length - 1 ? '' : part.text.slice(-keep);
    return [
      ...(head ? [{ text: head, change: 'same' as const }] : []),
      { text: ' … ', change: 'gap' as const },
      ...(tail ? [{ text: tail, change: 'same' as const }] : []),
    ];
  });
}
