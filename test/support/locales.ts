/** The interface strings as tests read them: every language's keys, flattened to `section.key` → text. */
import { LANGUAGES, type Language } from '../../src/config.ts';
import { loadResources } from '../../src/i18n/i18n.ts';

/** A tree of translations as `a.b.c` → text. */
function flattenStrings(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(name, child);
    else for (const [k, v] of flattenStrings(child, name)) out.set(k, v);
  }
  return out;
}

/** Each language's strings, flattened. */
export function localeStrings(): Record<Language, Map<string, string>> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, flattenStrings(loadResources(lang))])) as Record<Language, Map<string, string>>;
}
