import { expect } from 'chai';
import { innProblem, innQuery, normaliseInn } from '../../src/features/register/inn.ts';
import { csvLines } from '../../src/features/register/open-data.ts';
import { presentEntry } from '../../src/features/register/presenters/entry.ts';
import { presentRegisterSearch } from '../../src/features/register/presenters/search.ts';
import { prefixKeys, searchKey } from '../../src/features/register/search-key.ts';
import type { OrganisationEntry } from '../../src/features/register/types.ts';

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key);

const ENTRY: OrganisationEntry = {
  id: 1,
  registrationNumber: '2026-00017',
  registeredOn: '2026-03-02',
  status: 'registered',
  ceasedOn: null,
  updatedAt: new Date(),
  inn: '02103199510012',
  nameKy: '«Оптима Банк» ААК',
  nameRu: 'ОАО «Оптима Банк»',
  nameEn: null,
  sector: 'banking',
  region: 'bishkek',
  address: 'Бишкек',
  responsiblePerson: 'А. Асанова',
  contactEmail: 'privacy@optima.example',
  contactPhone: null,
  contactAddress: null,
  arrays: [],
};

describe('register: ИНН', () => {
  it('drops spaces, dashes and dots people type', () => {
    expect(normaliseInn(' 0210-3199 5100.12 ')).to.equal('02103199510012');
  });
  it('refuses a wrong length, non-digits, and a number whose first digit or date is impossible', () => {
    expect(innProblem('02103199510012')).to.equal(undefined);
    expect(innProblem('0210319951001')).to.equal('length');
    expect(innProblem('021031995100123')).to.equal('length');
    expect(innProblem('0210319951001a')).to.equal('digits');
    expect(innProblem('32103199510012')).to.equal('check');
    expect(innProblem('03102199510012')).to.equal('check', '31 February');
    expect(innProblem('02103209910012', new Date('2026-01-01'))).to.equal('check', 'a date in the future');
  });
  it('takes a query of 4 to 14 digits as an ИНН search', () => {
    expect(innQuery('0210 3199')).to.equal('02103199');
    expect(innQuery('021')).to.equal(undefined);
    expect(innQuery('Optima 1')).to.equal(undefined);
  });
});

describe('register: search key', () => {
  it('spells names in every script and habit the same way, without legal forms', () => {
    const optima = searchKey('Optima Bank');
    for (const name of ['ОсОО "Оптима Банк"', 'ОАО «Оптима Банк»', 'Оптима bank', 'OPTIMA BANK LLC']) expect(searchKey(name)).to.equal(optima);
    expect(searchKey('Халык')).to.equal(searchKey('Khalyk'));
    expect(searchKey('Жалал-Абад')).to.equal(searchKey('Dzhalal-Abad'));
    expect(searchKey('Кыргызтелеком')).to.equal(searchKey('Kyrgyztelecom'));
    expect(searchKey('Үй-бүлөлүк')).to.equal(searchKey('Ui-buloluk'));
  });

  it('gives a name typed part-way into a letter pair the keys of every way it may go on', () => {
    const beginsOne = (typed: string, name: string): boolean => prefixKeys(typed).some((key) => searchKey(name).startsWith(key));
    // "C" of "Chui", "Dz" of "Dzhalal-Abad", "Sh" of "Shoro", "Ky" of "Kyrgyztelecom", "Kh" of "Khalyk", in any script.
    for (const [typed, name] of [
      ['Chu', 'Chui Bank'],
      ['C', 'Chui Bank'],
      ['Dz', 'Dzhalal-Abad'],
      ['Dzh', 'Жалал-Абад'],
      ['S', 'Shoro'],
      ['Kyrgyzt', 'Kyrgyztelecom'],
      ['K', 'Халык'],
      ['Kh', 'Халык'],
      ['Ц', 'Tsesna'],
      ['Т', 'Tsesna'],
    ] as const) {
      expect(beginsOne(typed, name), `${typed} → ${name}`).to.equal(true);
    }
    expect(prefixKeys('Optima')).to.deep.equal([searchKey('Optima')]);
    expect(prefixKeys(' ')).to.deep.equal([]);
    // Too short to look up (the picker asks for two letters of key): left out before any other key is.
    expect(prefixKeys('Dz', 2)).to.deep.equal(['dz']);
    // A key another begins is left out: one range of the index covers both.
    for (const keys of ['C', 'Kyrgyzt', 'Ky'].map(prefixKeys))
      expect(keys.filter((key) => keys.some((other) => other !== key && key.startsWith(other)))).to.deep.equal([]);
  });
});

describe('register presenters', () => {
  it('an entry shows the Kyrgyz name on a Kyrgyz page and the Russian one where English is missing', () => {
    expect(presentEntry(t, 'ky', ENTRY).title).to.equal('«Оптима Банк» ААК');
    const en = presentEntry(t, 'en', ENTRY);
    expect(en.title).to.equal('ОАО «Оптима Банк»');
    expect(en.letterHref).to.equal('/en/letters/new?organisation=2026-00017');
    expect(en.complaintHref).to.equal('/en/complaints/new?organisation=2026-00017');
    expect(en.details.find((row) => row.label === 'register.fields.inn')?.value).to.equal('0210\u00a03199\u00a05100\u00a012');
  });
  it('the search keeps the query in the page links and offers the next page', () => {
    const view = presentRegisterSearch(
      t,
      'en',
      { q: 'bank', sector: 'banking', region: undefined, page: 1 },
      { kind: 'results', total: 45, capped: false, organisations: [ENTRY], page: 1, pageCount: 3 },
    );
    expect(view.pagination?.nextHref).to.equal('/en/register?q=bank&sector=banking&page=2');
    expect(view.pagination?.previousHref).to.equal(undefined);
    expect(view.countText).to.equal('register.count{"count":45}');
    const capped = presentRegisterSearch(
      t,
      'en',
      { q: '', sector: 'banking', region: undefined, page: 2 },
      { kind: 'results', total: 1001, capped: true, organisations: [ENTRY], page: 2, pageCount: 3 },
    );
    expect(capped.countText).to.equal('register.countMore{"count":1000}');
    expect(capped.pagination?.text).to.equal('register.pageOfMany{"page":2}');
    expect(capped.pagination?.nextHref).to.equal('/en/register?sector=banking&page=3');
    expect(view.results[0]?.otherName).to.equal('«Оптима Банк» ААК');
  });
});

describe('register open data', () => {
  it('an organisation without arrays is one CSV line with empty array columns', () => {
    const line = csvLines(ENTRY);
    expect(line.endsWith('\r\n')).to.equal(true);
    expect(line.split('\r\n')).to.have.length(2);
    expect(line).to.match(/^2026-00017,2026-03-02,registered,,02103199510012,/);
  });
});
