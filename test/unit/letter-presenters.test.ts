/** The request-letter pages' presenters: finished labels and addresses, without a database. */
import { expect } from 'chai';
import { presentLetterForm } from '../../src/features/letters/presenters/form.ts';
import { presentLetterPage } from '../../src/features/letters/presenters/letter.ts';
import { letterForm } from '../../src/features/letters/schemas.ts';
import { buildLetter } from '../../src/features/letters/service.ts';
import { toDateParts } from '../../src/http/date-fields.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { bishkekToday } from '../../src/lib/dates.ts';
import { seedLetterTemplate } from '../support/letter-template.ts';

const translator = createTranslator({ strict: true });

describe('letter presenters', () => {
  it('labels every kind of request with its own texts, in the page language', () => {
    for (const lang of ['ky', 'ru', 'en'] as const) {
      const t = translator.forLanguage(lang);
      const page = presentLetterForm(t, lang, {});
      expect(page.action).to.equal(`/${lang}/letters/new`);
      expect(page.requestTypes.find((type) => type.value === 'stop-processing')).to.deep.equal({
        value: 'stop-processing',
        label: t('letters.types.stop-processing.label'),
        hint: t('letters.types.stop-processing.hint'),
      });
      expect(page.letterLanguages.map((language) => language.value)).to.deep.equal(['ky', 'ru', 'en']);
    }
  });

  it('offers the letter in the other languages and hands its facts to a complaint', () => {
    const t = translator.forLanguage('en');
    const form = letterForm.parse({
      requestType: 'access',
      organisationName: 'Bank Example',
      fullName: 'Aida Tolonova',
      contact: 'aida@example.kg',
      sendingDate: toDateParts(bishkekToday()),
      letterLanguage: 'ru',
    });
    const page = presentLetterPage(t, 'en', form, buildLetter(form, seedLetterTemplate('ru')));
    expect(page.otherLanguages.map((language) => language.code)).to.deep.equal(['ky', 'en']);
    expect(page.form.sendingDate).to.deep.equal(toDateParts(bishkekToday()));
    expect(page).to.include({ rebuildAction: '/en/letters/new', complainAction: '/en/complaints/new/from-letter' });
    expect(page.breadcrumbs[1]).to.deep.equal({ text: t('letters.title'), href: '/en/letters/new' });
  });
});
