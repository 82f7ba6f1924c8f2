/**
 * Interface translations (i18next, CLDR plural rules for ky/ru/en). Long-form guidance is content, not keys.
 *
 * In strict mode (everything but production) a key missing in the requested language throws, so a forgotten
 * Kyrgyz string fails a test instead of showing a key name or silently falling back. In production a missing
 * key falls back along ky → ru → en and is logged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import i18next, { type i18n as I18next } from 'i18next';
import { LANGUAGES, type Language } from '../config.ts';

type TranslationValues = Record<string, string | number | undefined>;
export type Translate = (key: string, values?: TranslationValues) => string;

export interface Translator {
  /** A function translating into one language. */
  forLanguage(lang: Language): Translate;
  exists(lang: Language, key: string): boolean;
}

export class MissingTranslationError extends Error {
  constructor(lang: string, key: string) {
    super(`Missing translation "${key}" for language "${lang}"`);
    this.name = 'MissingTranslationError';
  }
}

/**
 * One language's strings: `locales/<lang>/<section>.json` holds the keys under `<section>.` (one file per
 * feature or page family, so changes to different features touch different files).
 */
export function loadResources(lang: Language): Record<string, unknown> {
  const dir = new URL(`./locales/${lang}/`, import.meta.url);
  const sections = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return Object.fromEntries(sections.map((name) => [name.slice(0, -'.json'.length), JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown]));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function hasNoValues(values: TranslationValues | undefined): boolean {
  for (const _ in values) return false;
  return true;
}

/**
 * A `count` given as text (e-mail parameters are stored as text) as a number: i18next chooses a plural form only
 * for a numeric count, and would otherwise look for the bare key.
 */
function withNumericCount(values: TranslationValues | undefined): TranslationValues | undefined {
  const count = values?.count;
  if (typeof count !== 'string' || count.trim() === '' || !Number.isFinite(Number(count))) return values;
  return { ...values, count: Number(count) };
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * A string whose only markup is `{{name}}` placeholders (no nesting, formats or unescaped values), or false. Such
 * a string is filled by `fill`, not i18next: its key resolution and interpolation cost about 10 µs a call, and a
 * staff queue page asks for a hundred. Plurals (a count) and anything else still go through i18next, and
 * test/unit/i18n-fill.test.ts checks that both give the same text for every string in every language.
 */
function fillable(resource: unknown): string | false {
  if (typeof resource !== 'string' || resource.includes('$t(')) return false;
  return resource.replace(PLACEHOLDER, '').includes('{{') ? false : resource;
}

/** The placeholders replaced by their values (as text, as i18next does); undefined when one is not given. */
function fill(template: string, values: TranslationValues): string | undefined {
  let missing = false as boolean;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) missing = true;
    return String(value);
  });
  return missing ? undefined : text;
}

export function createTranslator(options: { strict: boolean; onMissing?: (lang: string, key: string) => void }): Translator {
  const instance: I18next = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: loadResources(lang) }])),
    supportedLngs: [...LANGUAGES],
    lng: 'ky',
    fallbackLng: options.strict ? false : { ky: ['ru', 'en'], ru: ['en'], default: ['en'] },
    // Handlebars escapes what the helper returns; escaping here too would double-escape.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });

  const cache = new Map<Language, Translate>();
  return {
    // A pluralised key (`key_one`, `key_other`…) exists when its `other` form does: every language has that one.
    exists: (lang, key) => instance.exists(key, { lng: lang, fallbackLng: false }) || instance.exists(`${key}_other`, { lng: lang, fallbackLng: false }),
    forLanguage(lang) {
      const cached = cache.get(lang);
      if (cached) return cached;
      const fixed = instance.getFixedT(lang);
      // The strings are fixed once loaded: a key without values is looked up once (a form page asks for dozens).
      const plain = new Map<string, string>();
      const templates = new Map<string, string | false>();
      const template = (key: string): string | false => {
        let found = templates.get(key);
        if (found === undefined) templates.set(key, (found = fillable(instance.getResource(lang, 'translation', key))));
        return found;
      };
      const translate: Translate = (key, given) => {
        const values = withNumericCount(given);
        const simple = hasNoValues(values);
        const known = simple ? plain.get(key) : undefined;
        if (known !== undefined) return known;
        // A string of this language with plain placeholders, every value given: filled here (see `fill`).
        const own = !simple && values?.count === undefined ? template(key) : false;
        const filled = own && values ? fill(own, values) : undefined;
        if (filled !== undefined) return filled;
        if (!instance.exists(key, { lng: lang, fallbackLng: false, ...values })) {
          if (options.strict) throw new MissingTranslationError(lang, key);
          options.onMissing?.(lang, key);
        }
        const text = fixed(key, values ?? {});
        if (simple) plain.set(key, text);
        return text;
      };
      cache.set(lang, translate);
      return translate;
    },
  };
}
