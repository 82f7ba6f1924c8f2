/**
 * One spelling for names in any script, so that «ОсОО "Оптима Банк"», "Optima Bank" and "Оптима bank" meet.
 * Cyrillic (Russian and Kyrgyz letters) is written in Latin letters, then the spellings that differ between
 * transliteration habits are folded together (kh/h, zh/j, c/k, w/v, …). The register stores this key for every
 * name (organisations.search_text) and a query is turned into it the same way before the trigram search.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ү: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ұ: 'u',
  һ: 'h',
};

/** Latin spellings of the same sound, folded to one (order matters: digraphs first). */
const FOLDS: [RegExp, string][] = [
  [/kh/g, 'h'],
  [/dzh|dj|zh/g, 'j'],
  [/sch|sh/g, 'S'],
  [/ch|tch/g, 'C'],
  [/ts|tz/g, 'c'],
  [/ck|q|c/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/ph/g, 'f'],
  [/yu|iu/g, 'u'],
  [/ya|ia/g, 'a'],
  [/y/g, 'i'],
  [/(.)\1+/g, '$1'],
];

/** Legal forms that every other name carries: they say nothing about which organisation is meant. */
const LEGAL_FORMS = /\b(osoo|oao|zao|pao|ao|ooo|llc|ojsc|cjsc|jsc|ltd|jchk|aak|jak|gu|gp|ip)\b/g;

/** Lower-case Latin letters, without accents: Cyrillic written in Latin, nothing folded yet. */
function toLatin(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKC').toLowerCase()) out += CYRILLIC[char] ?? char;
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** The search key of a name or a query: Latin letters and digits, words separated by one space. */
export function searchKey(text: string): string {
  let key = toLatin(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(LEGAL_FORMS, ' ');
  for (const [pattern, replacement] of FOLDS) key = key.replace(pattern, replacement);
  return key.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The spellings folded above that are more than one letter (kh, zh, ch, ts, …). */
const DIGRAPHS = FOLDS.flatMap(([pattern]) => pattern.source.split('|')).filter((source) => /^[a-z]{2,}$/.test(source));

/**
 * The keys a name being typed may begin with. Text that ends part-way into a spelling folded as a whole ("Ch" of
 * "Chui" typed as far as "C") has a key of its own ("k") that the name's ("c…") does not begin with: the key of the
 * text as typed, and of each way the letters typed last may go on. Keys shorter than `minLength`, and keys that another
 * one begins, are left out.
 */
export function prefixKeys(text: string, minLength = 1): string[] {
  const latin = toLatin(text);
  const endings = DIGRAPHS.flatMap((digraph) =>
    Array.from({ length: digraph.length - 1 }, (_, cut) => digraph.slice(0, cut + 1))
      .filter((start) => latin.endsWith(start))
      .map((start) => digraph.slice(start.length)),
  );
  const keys = [...new Set([text, ...endings.map((rest) => latin + rest)].map(searchKey))].filter((key) => key.length >= Math.max(1, minLength));
  return keys.filter((key) => !keys.some((other) => other !== key && key.startsWith(other)));
}
