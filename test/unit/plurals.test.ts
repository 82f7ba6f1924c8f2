/**
 * Numbers and the nouns after them: a value from configuration or data ("{{days}} days") must read correctly for
 * any number, so such a string is an i18next plural (`key_one`, `key_few`…) chosen by `count`, never one text.
 */
import { expect } from 'chai';
import { z } from 'zod';
import { LANGUAGES } from '../../src/config.ts';
import { renderEmail } from '../../src/features/notifications/render.ts';
import { validate } from '../../src/http/validation.ts';
import { localeStrings } from '../support/locales.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const resources = localeStrings();
const PLURAL_FORM = /_(zero|one|two|few|many|other)$/;

/**
 * Placeholders that are not quantities, so a word may follow them: text (a case reference, a field or language
 * name, an address, a date, a link) and numbers that name something rather than count it (a page, a step, version
 * or telephone number, the version compared from, a calendar year).
 */
const NOT_COUNTS = new Set([
  'reference',
  'field',
  'language',
  'wanted',
  'placeholder',
  'organisation',
  'email',
  'date',
  'sent',
  'link',
  'page',
  'number',
  'from',
  'year',
]);
/** Unit symbols do not agree with their number ("1 MB", "5 МБ"). */
const UNITS = new Set(['MB', 'МБ']);

/** `{{name}}` followed, on the same line, by a word (an optional dash between: "{{count}}-жылы"). */
const NUMBER_THEN_WORD = /\{\{\s*(\w+)\s*\}\}[ \u00a0]*[-–]?[ \u00a0]*(\p{L}+)/gu;

describe('plural forms', () => {
  for (const lang of ['en', 'ru'] as const) {
    it(`no ${lang} string puts a number straight before a word without plural forms`, () => {
      const found: string[] = [];
      for (const [key, text] of resources[lang]) {
        if (PLURAL_FORM.test(key)) continue;
        for (const [match, name, word] of text.matchAll(NUMBER_THEN_WORD)) {
          if (!NOT_COUNTS.has(name!) && !UNITS.has(word!)) found.push(`${key}: ${match}`);
        }
      }
      expect(found, 'make these plurals (key_one, key_other…) and pass count').to.deep.equal([]);
    });
  }

  it('a pluralised key has, in every language, exactly the forms that language needs (and no bare key)', () => {
    const pluralised = new Set(
      LANGUAGES.flatMap((lang) => [...resources[lang].keys()].filter((key) => PLURAL_FORM.test(key)).map((key) => key.replace(PLURAL_FORM, ''))),
    );
    const problems: string[] = [];
    for (const lang of LANGUAGES) {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const keys = resources[lang];
      for (const base of pluralised) {
        const forms = ['zero', 'one', 'two', 'few', 'many', 'other'].filter((form) => keys.has(`${base}_${form}`));
        if ([...forms].sort().join() !== [...categories].sort().join()) problems.push(`${lang} ${base}: ${forms.join('/')} (needs ${categories.join('/')})`);
        if (keys.has(base)) problems.push(`${lang} ${base}: also a bare key`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  describe('words agree with the number, through the application’s translator', () => {
    const translator = createTranslator({ strict: true });
    const en = translator.forLanguage('en');
    const ru = translator.forLanguage('ru');
    const each = (t: typeof en, key: string, values: Record<string, string | number> = {}) => [1, 2, 5, 21].map((count) => t(key, { ...values, count }));

    it('English: one working day, 2 working days', () => {
      expect(each(en, 'casework.deadlines.pausedDays')).to.deep.equal([
        'Extended by 1 working day while waiting for information.',
        'Extended by 2 working days while waiting for information.',
        'Extended by 5 working days while waiting for information.',
        'Extended by 21 working days while waiting for information.',
      ]);
      expect(each(en, 'track.deadlineExplained').map((text) => text.split(',')[0])).to.deep.equal([
        '1 working day',
        '2 working days',
        '5 working days',
        '21 working days',
      ]);
      expect(each(en, 'auditViewer.okText')[0]).to.match(/^1 event verifies/);
      expect(each(en, 'quiz.score', { score: 1 }))
        .to.include('You answered 1 of 1 question correctly.')
        .and.include('You answered 1 of 21 questions correctly.');
    });

    it('Russian: день, дня, дней after 1, 2, 5, 21 in the nominative and accusative', () => {
      expect(each(ru, 'intake.save.lead').map((text) => /на \d+ \p{L}+/u.exec(text)?.[0])).to.deep.equal(['на 1 день', 'на 2 дня', 'на 5 дней', 'на 21 день']);
      expect(each(ru, 'track.deadlineExplained').map((text) => /^\d+ \p{L}+ \p{L}+/u.exec(text)?.[0])).to.deep.equal([
        '1 рабочий день',
        '2 рабочих дня',
        '5 рабочих дней',
        '21 рабочий день',
      ]);
      expect(each(ru, 'intake.breach.timing.late').map((text) => /в \d+ \p{L}+/u.exec(text)?.[0])).to.deep.equal([
        'в 1 час',
        'в 2 часа',
        'в 5 часов',
        'в 21 час',
      ]);
      expect(each(ru, 'receipt.errors.tooMany').map((text) => /\d+ \p{L}+/u.exec(text)?.[0])).to.deep.equal(['1 раз', '2 раза', '5 раз', '21 раз']);
    });

    it('Russian: the genitive after «в течение», «после», «не более»', () => {
      expect(each(ru, 'staffAccess.linkSent.lead', { email: 'a@b.kg' }).map((text) => /в течение \d+ \p{L}+/u.exec(text)?.[0])).to.deep.equal([
        'в течение 1 часа',
        'в течение 2 часов',
        'в течение 5 часов',
        'в течение 21 часа',
      ]);
      expect(each(ru, 'intake.stale.ended').map((text) => /после \d+ \p{L}+/u.exec(text)?.[0])).to.deep.equal([
        'после 1 минуты',
        'после 2 минут',
        'после 5 минут',
        'после 21 минуты',
      ]);
      expect(each(ru, 'register.countMore')).to.deep.equal([
        'Найдено более 1 организации: уточните поиск',
        'Найдено более 2 организаций: уточните поиск',
        'Найдено более 5 организаций: уточните поиск',
        'Найдено более 21 организации: уточните поиск',
      ]);
    });

    it('Russian: a decimal takes the «other» form', () => {
      expect(ru('casework.deadlines.breachHours', { count: 1.5 })).to.include('1.5 часа');
      expect(ru('casework.deadlines.breachHours', { count: 21 })).to.include(': 21 час (');
    });

    it('a length limit from zod chooses the form (validation messages)', () => {
      const messages = [1, 2, 5, 21].map((max) => {
        const result = validate(z.object({ text: z.string().max(max) }), { text: 'x'.repeat(30) });
        if (result.ok) throw new Error('expected a refusal');
        const error = result.errors.byField.text!;
        return [en(error.key, error.values), ru(error.key, error.values)];
      });
      expect(messages).to.deep.equal([
        ['Enter no more than 1 character', 'Введите не более 1 символа'],
        ['Enter no more than 2 characters', 'Введите не более 2 символов'],
        ['Enter no more than 5 characters', 'Введите не более 5 символов'],
        ['Enter no more than 21 characters', 'Введите не более 21 символа'],
      ]);
    });

    it('an e-mail, whose parameters are stored as text, still agrees (21 минуту, 2 минуты)', () => {
      const config = { publicUrl: 'https://ukuk.example', authority: { name: { ky: 'Агенттик', ru: 'Агентство', en: 'Agency' } } };
      const alert = (lang: 'en' | 'ru', count: string) =>
        renderEmail(translator, config as Parameters<typeof renderEmail>[1], 'staff-sign-in-alert', lang, {
          reference: 'A-1',
          failures: '30',
          count,
          until: '10:00',
        }).text;
      expect(['1', '2', '5', '21'].map((count) => /За \p{L}+ \d+ \p{L}+/u.exec(alert('ru', count))?.[0])).to.deep.equal([
        'За последнюю 1 минуту',
        'За последние 2 минуты',
        'За последние 5 минут',
        'За последнюю 21 минуту',
      ]);
      expect(alert('en', '1')).to.include('In the last 1 minute, wrong access codes were tried for case A-1 (attempts: 30).');
      expect(alert('en', '60')).to.include('In the last 60 minutes,');
      // A message queued before the bodies took a count carries the minutes under their old name.
      const queuedBefore = renderEmail(translator, config as Parameters<typeof renderEmail>[1], 'access-code-reset', 'ru', {
        reference: 'A-1',
        link: 'L',
        minutes: '21',
      });
      expect(queuedBefore.text).to.include('в течение 21 минуты.');
    });
  });
});
