import { expect } from 'chai';
import { buildSearchIndex, type SearchableText } from '../../src/features/content/search-index.ts';

const text = (slug: string, title: string, bodyText: string): SearchableText => ({ kind: 'guides', slug, lang: 'en', title, summary: '', bodyText });

const index = buildSearchIndex(
  [
    text('cameras', 'Cameras at work', 'An employer who films workers must say so. Filming in changing rooms is never allowed.'),
    text('phones', 'Mobile operators', 'Your operator keeps call records. Ask it for a copy of your data.'),
    text('banks', 'Banks and credit', 'A bank shares credit histories with the credit bureau.'),
  ],
  { en: [['mobile', 'cellular', 'cell phone']] },
);

describe('what the results of a search depend on', () => {
  it('leaves out the words no page holds, which change nothing in the results', () => {
    const key = index.resultsKey('en', 'my employer films me at work');
    expect(index.resultsKey('en', 'my employer films me at work zqxv')).to.equal(key);
    expect(index.resultsKey('en', 'My employer FILMS me at work, is that legal?')).to.equal(key, 'case, stop words and «legal» (in no page)');
    expect(index.search('en', 'employer films zqxv', 10)).to.deep.equal(index.search('en', 'employer films', 10));
  });

  it('keeps a word a page holds, the start of a longer word, and a word with synonyms', () => {
    const key = index.resultsKey('en', 'employer');
    expect(index.resultsKey('en', 'employer bank')).to.not.equal(key);
    expect(index.resultsKey('en', 'employer cred'), 'the start of «credit»').to.not.equal(key);
    expect(index.resultsKey('en', 'employer cellular'), 'a synonym of «mobile»').to.not.equal(key);
    expect(index.resultsKey('en', 'bank employer'), 'in the order asked').to.not.equal(index.resultsKey('en', 'employer bank'));
  });

  it('keeps a word left out (after a minus sign) only when a page holds it', () => {
    const key = index.resultsKey('en', 'credit');
    expect(index.resultsKey('en', 'credit -zqxv')).to.equal(key);
    expect(index.resultsKey('en', 'credit -bureau')).to.not.equal(key);
    expect(index.resultsKey('ru', 'credit')).to.not.equal(key, 'each language has its own pages');
  });
});
