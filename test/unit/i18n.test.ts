import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { LANGUAGES } from '../../src/config.ts';
import { localeStrings } from '../support/locales.ts';
import { createTranslator, MissingTranslationError } from '../../src/i18n/i18n.ts';
import { VIEWS_DIR } from '../../src/http/views.ts';

const resources = localeStrings();

/** Plural forms differ per language (ru has one/few/many/other, ky and en one/other): compare base keys. */
function baseKeys(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')));
}

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('interface translations', () => {
  for (const lang of LANGUAGES) {
    for (const other of LANGUAGES.filter((l) => l !== lang)) {
      it(`every ${other} key exists in ${lang}`, () => {
        const missing = [...baseKeys(resources[other].keys())].filter((key) => !baseKeys(resources[lang].keys()).has(key));
        expect(missing, `missing in ${lang}`).to.deep.equal([]);
      });
    }
    it(`${lang} has no empty strings`, () => {
      const empty = [...resources[lang]].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty).to.deep.equal([]);
    });
  }

  it('every key a template uses exists in every language', () => {
    const used = new Set<string>();
    for (const file of viewFiles(VIEWS_DIR)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:\{\{|\()t "([\w.-]+)"/g)) used.add(match[1]!);
    }
    expect(used.size).to.be.greaterThan(20);
    for (const lang of LANGUAGES) {
      const keys = baseKeys(resources[lang].keys());
      expect(
        [...used].filter((key) => !keys.has(key)),
        `missing in ${lang}`,
      ).to.deep.equal([]);
    }
  });

  it('Kyrgyz and Russian texts are translations, not copies of English', () => {
    for (const lang of ['ky', 'ru'] as const) {
      const copies = [...resources[lang]].filter(([key, text]) => text.length > 20 && text === resources.en.get(key)).map(([key]) => key);
      expect(copies, `${lang} strings identical to English`).to.deep.equal([]);
    }
  });

  it('a missing key throws in strict mode instead of showing the key', () => {
    const t = createTranslator({ strict: true }).forLanguage('ky');
    expect(() => t('no.such.key')).to.throw(MissingTranslationError, /no\.such\.key.*ky/);
    expect(t('site.name')).to.equal('Укук');
  });

  it('falls back ky → ru → en in production and reports the gap', () => {
    const reported: string[] = [];
    const t = createTranslator({ strict: false, onMissing: (lang, key) => reported.push(`${lang}:${key}`) }).forLanguage('ky');
    expect(t('no.such.key')).to.equal('no.such.key');
    expect(reported).to.deep.equal(['ky:no.such.key']);
  });

  it('interpolates without HTML-escaping (templates escape once)', () => {
    const t = createTranslator({ strict: true }).forLanguage('en');
    expect(t('common.requestId', { id: '<b>' })).to.equal('Reference of this error: <b>');
  });
});
