import { expect } from 'chai';
import { buildLetter, replyByDate } from '../../src/features/letters/service.ts';
import { letterForm } from '../../src/features/letters/schemas.ts';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { collectDateParts, isoDate } from '../../src/http/date-fields.ts';
import { validate } from '../../src/http/validation.ts';
import { seedLetterTemplate } from '../support/letter-template.ts';

const today = bishkekToday();
const [year, month, day] = today.split('-');

function form(overrides: Record<string, string> = {}) {
  return collectDateParts(
    {
      requestType: 'access',
      organisationName: 'Bank Example',
      organisationAddress: '',
      fullName: 'Aida Tolonova',
      contact: 'aida@example.kg',
      details: '',
      'sendingDate-day': String(Number(day)),
      'sendingDate-month': String(Number(month)),
      'sendingDate-year': year!,
      letterLanguage: 'ru',
      ...overrides,
    },
    ['sendingDate'],
  );
}

describe('request letters', () => {
  it('the answer is due one week after the request', () => {
    expect(replyByDate('2026-11-22')).to.equal('2026-11-29');
    expect(replyByDate('2026-12-28')).to.equal('2027-01-04');
    expect(replyByDate('2028-02-25')).to.equal('2028-03-03');
  });

  it('reads day / month / year fields as a real date', () => {
    expect(isoDate({ day: '29', month: '2', year: '2028' })).to.equal('2028-02-29');
    expect(isoDate({ day: '29', month: '2', year: '2027' })).to.be.undefined;
    expect(isoDate({ day: '1', month: '13', year: '2027' })).to.be.undefined;
    expect(isoDate({ day: 'x', month: '1', year: '2027' })).to.be.undefined;
  });

  it('validates the form with translated keys, field by field', () => {
    const result = validate(letterForm, form({ requestType: 'correction', organisationName: ' ', 'sendingDate-day': '31', 'sendingDate-month': '2' }));
    expect(result.ok).to.be.false;
    if (result.ok) return;
    expect(result.errors.byField.organisationName?.key).to.equal('letters.errors.organisationName');
    expect(result.errors.byField.sendingDate?.key).to.equal('validation.date.invalid');
    expect(result.errors.byField.details?.key).to.equal('letters.errors.details.correction');
  });

  it('refuses a sending date more than a year away', () => {
    const far = addDays(today, 400).split('-');
    const result = validate(letterForm, form({ 'sendingDate-day': far[2]!, 'sendingDate-month': far[1]!, 'sendingDate-year': far[0]! }));
    expect(!result.ok && result.errors.byField.sendingDate?.key).to.equal('letters.errors.sendingDateFuture');
  });

  it('writes the letter in the letter’s language, citing the law and the one-week duty', () => {
    const result = validate(letterForm, form());
    if (!result.ok) throw new Error('expected a valid form');
    const letter = buildLetter(result.data, seedLetterTemplate('ru'));
    expect(letter.lang).to.equal('ru');
    expect(letter.replyByIso).to.equal(addDays(today, 7));
    const text = [letter.opening, letter.request, ...letter.paragraphs].join(' ');
    expect(text).to.include('№ 58');
    expect(text).to.include(letter.replyBy);
    expect(letter.to[0]).to.include('Bank Example');
    expect(letter.from[0]).to.include('Aida Tolonova');
    expect(text).not.to.include('Please');
  });
});
