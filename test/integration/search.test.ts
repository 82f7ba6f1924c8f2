import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { readSynonymFiles, syncSynonyms } from '../../src/features/content/sync.ts';
import { buildApp, TEST_LOG_FILE } from '../support/app.ts';
import { testDatabase, ROOT } from '../support/database.ts';
import { waitFor } from '../support/wait.ts';

describe('search', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  function search(lang: string, q: string) {
    return supertest(app).get(`/${lang}/search`).query({ q });
  }

  it('finds and ranks guidance in English, with highlighted snippets', async () => {
    const html = (await search('en', 'copy of my data').expect(200)).text;
    expect(html).to.match(/\d+ results?/);
    expect(html).to.include('<mark>');
    expect(html).to.include('href="/en/rights/right-of-access"');
  });

  it('stems Russian words', async () => {
    const html = (await search('ru', 'копию данных').expect(200)).text;
    expect(html).to.include('href="/ru/rights/right-of-access"');
  });

  it('finds Kyrgyz text, including inflected forms', async () => {
    const html = (await search('ky', 'көчүрмө').expect(200)).text;
    expect(html).to.match(/href="\/ky\/(rights|guides)\//);
  });

  it('guides the reader on an empty search', async () => {
    const html = (await search('en', '').expect(200)).text;
    expect(html).to.include('Type a word or a few words');
  });

  it('says so when the query is too long, instead of failing', async () => {
    const html = (await search('en', 'data '.repeat(100)).expect(400)).text;
    expect(html).to.include('Your search is too long');
  });

  it('explains a query of punctuation only', async () => {
    const html = (await search('ru', '!!! ??? ---').expect(400)).text;
    expect(html).to.include('нет ни букв, ни цифр');
  });

  it('explains a run of minus signs before a word (PostgreSQL nests at most 32), in every language', async () => {
    const messages = { ky: 'минус» белгиси катары менен өтө көп', ru: 'слишком много знаков «минус» подряд', en: 'too many minus signs in a row' };
    for (const [lang, message] of Object.entries(messages)) {
      for (const q of [`${'-'.repeat(40)}a`, `${'- '.repeat(40)}bank`, `bank ${'-'.repeat(40)}`, `${'-'.repeat(40)}"банк"`]) {
        const response = await search(lang, q);
        expect(response.status, `${lang} ${q}`).to.equal(400);
        expect(response.text, `${lang} ${q}`).to.include(message);
      }
    }
    // A minus sign before a word still leaves it out, and hyphenated words are words.
    await search('en', 'bank -credit').expect(200);
    await search('en', 'e-mail --spam').expect(200);
  });

  for (const [hostile, status] of [
    ["' OR 1=1 --", 200],
    ['<script>alert(1)</script>', 200],
    ['"><img src=x onerror=alert(1)>', 200],
    ['%00', 200],
    [':* & | !', 400],
    ['data & (', 200],
    ['\\', 400],
    ['a'.repeat(200), 200],
  ] as const) {
    it(`answers hostile input safely: ${hostile.slice(0, 30)}`, async () => {
      const response = await search('en', hostile);
      expect(response.status).to.equal(status);
      expect(response.text).not.to.include('<script>alert');
      expect(response.text).not.to.include('<img src=x');
    });
  }

  it('reads a query holding control characters (a NUL byte) as the text around them', async () => {
    for (const lang of ['ky', 'ru', 'en']) await search(lang, 'copy\u0000 of my\u0007 data').expect(200);
    const html = (await search('en', 'copy\u0000 of my data').expect(200)).text;
    expect(html).to.include('href="/en/rights/right-of-access"');
  });

  it('keeps what the user typed escaped when it is echoed back', async () => {
    const html = (await search('en', '<b>bank</b>').expect(200)).text;
    expect(html).to.include('value="&lt;b&gt;bank&lt;/b&gt;"');
  });

  it('finds the best partial matches when not every word of the query occurs', async () => {
    for (const [lang, q] of [
      ['ru', 'мобильный оператор'],
      ['ru', 'сотовый оператор'],
      ['ky', 'мобилдик оператор'],
      ['en', 'cellular operator'],
    ]) {
      const html = (await search(lang ?? '', q ?? '').expect(200)).text;
      const first = /<li class="search-results__item">\s*<h2[^>]*><a href="([^"]+)"/.exec(html)?.[1];
      expect(first, q).to.equal(`/${lang ?? ''}/guides/telecoms-and-mobile`);
    }
  });

  it('shows results in the page language only, with snippets from the text', async () => {
    const html = (await search('ru', 'паспорт').expect(200)).text;
    const hrefs = [...html.matchAll(/class="search-results__item">\s*<h2[^>]*><a href="([^"]+)"/g)].map((match) => match[1]);
    expect(hrefs).to.not.be.empty;
    for (const href of hrefs) expect(href).to.match(/^\/ru\//);
    expect(html).to.match(/<mark>паспорт\w*<\/mark>/i);
  });

  it('answers with a synonym added to the lists on every instance once it is announced, never from a kept page', async () => {
    const { knex } = testDatabase();
    const other = await buildApp();
    const word = 'зымсыз';
    const before = (await supertest(other).get('/ky/search').query({ q: word }).expect(200)).text;
    expect(before).to.not.include('/ky/guides/telecoms-and-mobile');
    const lists = await readSynonymFiles(`${ROOT}/seeds/content`);
    const edited = lists.map((list) => (list.lang === 'ky' ? { ...list, source: `${list.source}\n${word}, оператор\n` } : list));
    try {
      await syncSynonyms(knex, edited);
      await waitFor(
        async () => (await supertest(other).get('/ky/search').query({ q: word })).text.includes('/ky/guides/telecoms-and-mobile'),
        'the new synonym to be searched',
        10_000,
      );
    } finally {
      await syncSynonyms(knex, lists);
    }
    await waitFor(async () => !(await supertest(other).get('/ky/search').query({ q: word })).text.includes('/ky/guides/'), 'the synonym to be gone', 10_000);
  });

  it('answers a search asked again from the page kept for it: the same page, compressed, logged without the words', async () => {
    const words = 'камера видеонаблюдение соседа';
    const first = await search('ru', words).set('Accept-Encoding', 'gzip').expect(200);
    const again = await search('ru', words).set('Accept-Encoding', 'gzip').expect(200);
    expect(again.text).to.equal(first.text);
    expect(again.headers['content-encoding']).to.equal('gzip');
    expect(again.headers['cache-control']).to.equal('no-store');
    expect(again.headers['content-security-policy']).to.equal(first.headers['content-security-policy']);
    const lines = readFileSync(TEST_LOG_FILE, 'utf8').split('\n');
    const line = lines.find((candidate) => candidate.includes(`"id":"${again.headers['x-request-id'] ?? ''}"`));
    expect(line).to.include('"msg":"GET /ru/search 200"');
    expect(lines.join('\n')).not.to.include(encodeURIComponent('камера'));
    // A query to correct is shown, never kept.
    const tooLong = 'слово '.repeat(60);
    await search('ru', tooLong).expect(400);
    await search('ru', tooLong).expect(400);
  });

  it('ignores a repeated q parameter instead of failing', async () => {
    await supertest(app).get('/en/search?q=bank&q=data').expect(200);
  });
});
