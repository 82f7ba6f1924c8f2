import { expect } from 'chai';
import fc from 'fast-check';
import { buildRegisterIndex, indexable, type IndexFilter, type IndexRow } from '../../src/features/register/search-index.ts';

const WORDS = ['bank', 'bereke', 'optima', 'klinika', 'osh', 'ai', 'tulpar', 'trans', 'servis', 'mega', 'kom', 'bishkek'];
const SECTORS = ['banking', 'health', 'retail'];
const REGIONS = ['bishkek', 'osh', 'chuy'];

/** Rows with keys of 1–4 words, and ranks that order them by a name of their own in each language. */
function rowsFrom(entries: { words: number[]; sector: number; region: number; inn: string }[]): IndexRow[] {
  const rows = entries.map((entry, position) => ({
    id: 1000 + position,
    key: entry.words.map((word) => WORDS[word % WORDS.length]).join(' '),
    inn: entry.inn,
    sector: SECTORS[entry.sector % SECTORS.length] ?? 'banking',
    region: REGIONS[entry.region % REGIONS.length] ?? 'osh',
    rankKy: 0,
    rankRu: 0,
    rankEn: 0,
  }));
  const rank = (field: 'rankKy' | 'rankRu' | 'rankEn', order: (row: IndexRow) => string) =>
    [...rows].sort((a, b) => order(a).localeCompare(order(b)) || a.id - b.id).forEach((row, place) => (row[field] = place));
  rank('rankKy', (row) => row.key);
  rank('rankRu', (row) => row.key.split(' ').reverse().join(' '));
  rank('rankEn', (row) => row.inn);
  return rows;
}

/** What SQL does: every word a substring of the key, the filters equal, the ИНН a prefix; in name order. */
function oracle(rows: IndexRow[], filter: IndexFilter, lang: 'ky' | 'ru' | 'en'): number[] {
  const rankOf = { ky: (row: IndexRow) => row.rankKy, ru: (row: IndexRow) => row.rankRu, en: (row: IndexRow) => row.rankEn }[lang];
  const words = filter.key ? filter.key.split(' ') : [];
  return rows
    .filter((row) => words.every((word) => row.key.includes(word)))
    .filter((row) => (!filter.sector || row.sector === filter.sector) && (!filter.region || row.region === filter.region))
    .filter((row) => !filter.inn || row.inn.startsWith(filter.inn))
    .sort((a, b) => rankOf(a) - rankOf(b))
    .map((row) => row.id);
}

describe('the register search index', () => {
  it('finds what SQL finds, counted and in name order, for any words it can look up or none, filters and page', () => {
    const entry = fc.record({
      words: fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }),
      sector: fc.nat(5),
      region: fc.nat(5),
      inn: fc.stringMatching(/^[0-2]\d{13}$/),
    });
    const query = fc.record({
      key: fc.option(
        fc.array(fc.constantFrom(...WORDS, 'ba', 'er', 'ika', 'x'), { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')),
        {
          nil: undefined,
        },
      ),
      sector: fc.option(fc.constantFrom(...SECTORS), { nil: undefined }),
      region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
      inn: fc.option(fc.stringMatching(/^[0-2]\d{0,3}$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 80 }),
        query,
        fc.constantFrom('ky', 'ru', 'en'),
        fc.nat(30),
        fc.integer({ min: 1, max: 20 }),
        (entries, filter, lang, offset, limit) => {
          // Words all under three letters are the database's (searchByWords); filters alone are the index's.
          fc.pre(filter.key === undefined || indexable(filter.key));
          const rows = rowsFrom(entries);
          const expected = oracle(rows, filter, lang);
          const found = buildRegisterIndex(rows).search(filter, lang, offset, limit);
          expect(found.total).to.equal(expected.length);
          expect(found.ids).to.deep.equal(expected.slice(offset, offset + limit));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a word anywhere in a name of any length, and nothing for a piece no name holds', () => {
    const rows = rowsFrom([
      { words: [0, 1], sector: 0, region: 0, inn: '01010199510001' },
      { words: [2, 0], sector: 1, region: 1, inn: '02020200010002' },
      { words: [3], sector: 2, region: 2, inn: '01010199510003' },
    ]);
    const index = buildRegisterIndex(rows);
    expect(index.search({ key: 'ank' }, 'ky', 0, 20).total).to.equal(2);
    expect(index.search({ key: 'bereke bank' }, 'ky', 0, 20).ids).to.deep.equal([1000]);
    expect(index.search({ key: 'zzz' }, 'ky', 0, 20)).to.deep.equal({ total: 0, ids: [] });
    expect(index.search({ key: 'ika', inn: '0101' }, 'en', 0, 20).ids).to.deep.equal([1002]);
    expect(index.search({ key: 'bank', sector: 'unknown' }, 'en', 0, 20).total).to.equal(0);
    expect(indexable('ai ma')).to.equal(false);
  });

  it('lists by filters alone in name order, counting only as far as asked once the page is whole', () => {
    const rows = rowsFrom(Array.from({ length: 50 }, (_, at) => ({ words: [at], sector: at % 2, region: 0, inn: `0101019951${String(at).padStart(4, '0')}` })));
    const index = buildRegisterIndex(rows);
    const banking = oracle(rows, { sector: 'banking' }, 'ru');
    expect(index.search({ sector: 'banking' }, 'ru', 5, 10)).to.deep.equal({ total: 25, ids: banking.slice(5, 15) });
    // Past 12 the count may stop: more than 12, and the page asked for.
    const capped = index.search({ sector: 'banking' }, 'ru', 5, 10, 12);
    expect(capped.total).to.be.above(12);
    expect(capped.ids).to.deep.equal(banking.slice(5, 15));
    expect(index.search({ inn: '01010199510049' }, 'en', 0, 20).ids).to.deep.equal([1049]);
  });
});
