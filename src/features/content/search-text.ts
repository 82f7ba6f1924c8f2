/**
 * How search reads text, the same way for the content it indexes and the words a reader types: words are
 * letters and digits (a hyphen or an apostrophe inside a word splits it), lower-cased, ё read as е, common
 * words (stop words) left out, and each word reduced to its stem — Snowball's stemmers for Russian and English,
 * the light Kyrgyz stemmer for Kyrgyz. Synonym groups (content kept beside the guidance) widen a query.
 */
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as russianStopwords } from '@orama/stopwords/russian';
import type { Language } from '../../config.ts';
import { stemKyrgyz } from './kyrgyz-stemmer.ts';

/** Kyrgyz has no published stop-word list: the particles, pronouns and question words a question is made of. */
const KYRGYZ_STOPWORDS = [
  ...['жана', 'же', 'менен', 'үчүн', 'деген', 'бул', 'ал', 'алар', 'мен', 'сен', 'сиз', 'биз', 'силер', 'мени', 'менин', 'мага'],
  ...['сизди', 'сиздин', 'сизге', 'биздин', 'бизге', 'анын', 'аны', 'ага', 'өз', 'өзү', 'эмне', 'ким', 'кантип', 'канча', 'кайсы'],
  ...['кайда', 'качан', 'эмнеге', 'эмнени', 'болобу', 'болот', 'керек', 'керекпи', 'эмес', 'да', 'де', 'дагы', 'бир', 'ошол', 'бирок'],
  ...['анан', 'ооба', 'жок', 'ар', 'бар', 'тууралуу', 'жөнүндө', 'боюнча', 'ли', 'го', 'эле', 'гана', 'мүмкүн'],
];

const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  ky: new Set(KYRGYZ_STOPWORDS),
  ru: new Set(russianStopwords.map((word) => word.replaceAll('ё', 'е'))),
  en: new Set(englishStopwords),
};

const STEMMERS: Record<Language, (word: string) => string> = { ky: stemKyrgyz, ru: russianStemmer, en: englishStemmer };

const WORD = /[\p{L}\p{N}]+/gu;

export interface Word {
  /** Where the word starts and ends in the text (for highlighting). */
  start: number;
  end: number;
  stem: string;
}

/** The lower-cased words of a text, with ё read as е, in order, each with its place in the text. */
function words(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((match) => ({
    word: match[0].toLowerCase().replaceAll('ё', 'е'),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The stem of one lower-case word, or undefined for a stop word (or a form of one: какие → как). */
function stemWord(lang: Language, word: string): string | undefined {
  if (STOPWORDS[lang].has(word)) return undefined;
  const stem = STEMMERS[lang](word);
  return STOPWORDS[lang].has(stem) ? undefined : stem;
}

/** Every word of a text that search counts, with its stem and place. */
export function analyse(lang: Language, text: string): Word[] {
  return words(text).flatMap(({ word, start, end }) => {
    const stem = stemWord(lang, word);
    return stem ? [{ start, end, stem }] : [];
  });
}

/** The stems of a text, in order (what the index stores). */
export function stems(lang: Language, text: string): string[] {
  return analyse(lang, text).map((word) => word.stem);
}

/** A reader's query: the words to find, and those after a minus sign to leave out ("bank -credit"). */
export interface ParsedQuery {
  wanted: string[];
  excluded: string[];
}

/** At most this many words of a query are searched: a pasted paragraph is answered as fast as a question. */
const MAX_QUERY_WORDS = 12;

export function parseQuery(lang: Language, query: string): ParsedQuery {
  const wanted: string[] = [];
  const excluded: string[] = [];
  for (const { word, start } of words(query)) {
    const stem = stemWord(lang, word);
    if (!stem) continue;
    const list = /(?:^|\s)-+$/u.test(query.slice(0, start)) ? excluded : wanted;
    if (!list.includes(stem)) list.push(stem);
  }
  return { wanted: wanted.slice(0, MAX_QUERY_WORDS), excluded: excluded.slice(0, MAX_QUERY_WORDS) };
}

/**
 * A synonym file: one group of words or phrases that mean the same to a reader per line, separated by commas;
 * `#` starts a comment. Returned as groups of stems, each phrase reduced to its stems.
 */
export function parseSynonyms(lang: Language, text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/u, '').trim())
    .filter((line) => line !== '')
    .map((line) => [...new Set(line.split(',').flatMap((phrase) => stems(lang, phrase)))])
    .filter((group) => group.length > 1);
}

/** The stems a synonym group adds to each query stem (never the stem itself). */
export function synonymsOf(groups: readonly string[][], stem: string): string[] {
  return [...new Set(groups.filter((group) => group.includes(stem)).flat())].filter((other) => other !== stem);
}
