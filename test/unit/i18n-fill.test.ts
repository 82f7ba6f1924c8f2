/**
 * The translator fills plain `{{name}}` placeholders itself (src/i18n/i18n.ts): for every string of every
 * language it must give exactly what i18next gives, with text and with numbers, and leave plurals to i18next.
 */
import { expect } from 'chai';
import i18next from 'i18next';
import { LANGUAGES } from '../../src/config.ts';
import { createTranslator, loadResources } from '../../src/i18n/i18n.ts';
import { localeStrings } from '../support/locales.ts';

describe('interface strings filled without i18next', () => {
  const translator = createTranslator({ strict: true });
  const reference = i18next.createInstance();
  before(async () => {
    await reference.init({
      resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: loadResources(lang) }])),
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
  });

  it('gives the same text as i18next for every string with placeholders, in every language', () => {
    const strings = localeStrings();
    let compared = 0;
    for (const lang of LANGUAGES) {
      const t = translator.forLanguage(lang);
      for (const [key, text] of strings[lang]) {
        const names = [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] ?? '');
        if (names.length === 0 || /_(zero|one|two|few|many|other)$/.test(key)) continue;
        for (const values of [
          Object.fromEntries(names.map((name) => [name, `<${name} & "x">`])),
          Object.fromEntries(names.map((name, index) => [name, index + 7])),
        ]) {
          expect(t(key, values), `${lang} ${key}`).to.equal(reference.getFixedT(lang)(key, values));
          compared++;
        }
      }
    }
    expect(compared).to.be.above(300);
  });

  it('leaves a value not given, and plural forms, to i18next', () => {
    const t = translator.forLanguage('en');
    expect(t('casework.queue.selectCase', { other: 'UK-1' })).to.equal(reference.getFixedT('en')('casework.queue.selectCase', { other: 'UK-1' }));
    expect(t('track.deadlineExplained', { count: 1 })).to.equal('1 working day, not counting weekends and public holidays.');
    expect(t('track.deadlineExplained', { count: 15 })).to.equal('15 working days, not counting weekends and public holidays.');
  });
});
