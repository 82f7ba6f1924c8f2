/**
 * A light Kyrgyz stemmer for search: PostgreSQL and the Snowball project have none. Kyrgyz is agglutinative —
 * plural, possessive, case and a few derivational suffixes follow the stem in this order, each in the variants
 * that vowel harmony and the stem's last sound choose (паспорт-ум-дун, оператор-лор-у-на, көчүрмө-сү-н). The
 * stemmer strips the longest known suffix from the end, again and again, while a stem of at least three letters
 * with a vowel remains. It does not check harmony, so it may cut a word that merely ends like a suffix; that is
 * harmless for search, because the index and the query are stemmed the same way.
 */

const VOWELS = /[аеёиоөуүыэюя]/;

/** Every suffix in each of its harmony variants (back/front × rounded/unrounded, after a vowel/voiced/voiceless sound). */
function variants(...patterns: string[]): string[] {
  const vowels: Record<string, string[]> = { A: ['а', 'е', 'о', 'ө'], I: ['ы', 'и', 'у', 'ү'] };
  return patterns.flatMap((pattern) => {
    const slot = pattern.search(/[AI]/);
    if (slot === -1) return [pattern];
    const choices = vowels[pattern[slot] as string] ?? [];
    return variants(...choices.map((vowel) => pattern.slice(0, slot) + vowel + pattern.slice(slot + 1)));
  });
}

const byLength = (list: string[]): string[] => list.sort((a, b) => b.length - a.length);

/** The slots a word's endings fill, from the end of the word back to the stem; each is cut at most once. */
const SLOTS: readonly (readonly string[])[] = [
  // A question particle, a conditional, a past participle, the present after a vowel (lightly: verbs stay mostly whole).
  byLength(variants('бI', 'пI', 'мI', 'сAм', 'сA', 'гAн', 'кAн', 'йт', 'ймIн', 'йм')),
  // Cases: genitive, accusative, dative, locative, ablative, the adjectival locative (-дагы).
  byLength(variants('нIн', 'дIн', 'тIн', 'нI', 'дI', 'тI', 'гA', 'кA', 'нA', 'дA', 'тA', 'ндA', 'дAн', 'тAн', 'нAн', 'дAгI', 'тAгI', 'ндAгI', 'н')),
  // Possessives: my, your (informal, polite), his/her, our; "I am".
  byLength(variants('Iм', 'м', 'Iң', 'ң', 'IңIз', 'ңIз', 'сI', 'I', 'IбIз', 'бIз', 'мIн')),
  // Plural.
  byLength(variants('лAр', 'дAр', 'тAр')),
  // Derivation: -лык/-дык (мобилдик), -луу (having), -сыз (without), verbal nouns -уу/-үү.
  byLength(variants('лIк', 'дIк', 'тIк', 'лII', 'дII', 'тII', 'сIз', 'II')),
];

const VOICELESS = /[пткшчсфхцщ]$/;
const VOWEL_END = /[аеёиоөуүыэюя]$/;

/** Whether an ending may follow this stem: its first sound agrees with the stem's last (тар after voiceless, лар after a vowel…). */
function fits(stem: string, suffix: string): boolean {
  const first = suffix[0];
  if (first === 'т' || first === 'к' || first === 'п') return VOICELESS.test(stem);
  if (first === 'д' || first === 'г' || first === 'б') return !VOICELESS.test(stem) && !VOWEL_END.test(stem);
  if (first === 'л') return VOWEL_END.test(stem) || /[йр]$/.test(stem);
  if (first === 'н' || first === 'с' || first === 'м' || first === 'ң') return VOWEL_END.test(stem) || suffix.length > 2;
  // An ending that starts with a vowel follows a consonant.
  return !VOWEL_END.test(stem);
}

const MIN_STEM = 3;

/** A stem's last к and п are voiced before a vowel (макулдук → макулдугу): read them back. */
function unvoice(stem: string): string {
  return stem.replace(/г$/, 'к').replace(/б$/, 'п');
}

/** The stem of one lower-case Kyrgyz word. */
export function stemKyrgyz(word: string): string {
  let stem = word;
  let verb = false;
  SLOTS.forEach((slot, index) => {
    // After a verb's ending (даттан-сам) what remains is a verb stem: no case or possessive to cut.
    if (verb) return;
    // Plural and derivation leave at least four letters: кардар and каттар are words, not кар- and кат- plus a suffix.
    const min = index >= 3 ? MIN_STEM + 1 : MIN_STEM;
    const suffix = slot.find((candidate) => {
      if (!stem.endsWith(candidate)) return false;
      const rest = stem.slice(0, -candidate.length);
      return rest.length >= min && VOWELS.test(rest) && fits(rest, candidate);
    });
    if (!suffix) return;
    stem = unvoice(stem.slice(0, -suffix.length));
    verb = index === 0;
  });
  return stem;
}
