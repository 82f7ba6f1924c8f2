import { expect } from 'chai';
import { stemKyrgyz } from '../../src/features/content/kyrgyz-stemmer.ts';
import { parseQuery, parseSynonyms, stems, synonymsOf } from '../../src/features/content/search-text.ts';

describe('Kyrgyz stemmer', () => {
  it('brings inflected forms of a word to one stem', () => {
    const forms: Record<string, string[]> = {
      оператор: ['оператор', 'операторлору', 'операторуна', 'оператордон', 'операторго'],
      паспорт: ['паспорт', 'паспортумдун', 'паспортуңуз'],
      банк: ['банк', 'банкка', 'банктан', 'банкта'],
      маалымат: ['маалымат', 'маалыматтарыңызды', 'маалыматтарыңызга', 'маалыматтар'],
      көчүрмө: ['көчүрмө', 'көчүрмөсүн', 'көчүрмөсү'],
      макул: ['макулдугумду', 'макулдукту', 'макулдук'],
    };
    for (const [stem, words] of Object.entries(forms)) {
      for (const word of words) expect(stemKyrgyz(word), word).to.equal(stem);
    }
  });

  it('cuts an ending only where it can follow the sound before it, and leaves short roots whole', () => {
    // -тор is a plural only after a voiceless consonant; -дар after a vowel is not a plural.
    expect(stemKyrgyz('оператор')).to.equal('оператор');
    expect(stemKyrgyz('кардарлар')).to.equal('кардар');
    expect(stemKyrgyz('сотко')).to.equal('сот');
    expect(stemKyrgyz('иш')).to.equal('иш');
  });

  it('reads a verb form no further than its verb stem', () => {
    expect(stemKyrgyz('даттансам')).to.equal(stemKyrgyz('даттануу'));
  });
});

describe('search text', () => {
  it('stems Russian and English with Snowball and drops common words', () => {
    expect(stems('ru', 'Мобильный оператор и данные')).to.deep.equal(['мобильн', 'оператор', 'дан']);
    expect(stems('en', 'My employer films me at work')).to.deep.equal(['employ', 'film', 'work']);
  });

  it('reads ё as е and splits words at punctuation', () => {
    expect(stems('ru', 'Её счёт')).to.deep.equal(stems('ru', 'ее счет'));
    expect(stems('en', 'e-mail')).to.deep.equal(['e', 'mail']);
  });

  it('parses a query into wanted and left-out stems, without repeats', () => {
    expect(parseQuery('en', 'bank -credit bank')).to.deep.equal({ wanted: ['bank'], excluded: ['credit'] });
    expect(parseQuery('en', 'e-mail')).to.deep.equal({ wanted: ['e', 'mail'], excluded: [] });
  });

  it('keeps at most twelve words of a long query', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${String(i)}`).join(' ');
    expect(parseQuery('en', words).wanted).to.have.length(12);
  });

  it('reads a synonym file into groups of stems, skipping comments and blank lines', () => {
    const groups = parseSynonyms('ru', '# comment\nмобильный, сотовый\n\nодин\n');
    expect(groups).to.deep.equal([['мобильн', 'сотов']]);
    expect(synonymsOf(groups, 'сотов')).to.deep.equal(['мобильн']);
    expect(synonymsOf(groups, 'оператор')).to.deep.equal([]);
  });
});
