import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import supertest from 'supertest';
import { readSynonymFiles, syncSynonyms } from '../../src/features/content/sync.ts';
import { buildApp, TEST_LOG_FILE } from '../support/app.ts';
import { ROOT, testDatabase } from '../support/database.ts';
import { waitFor } from '../support/wait.ts';

/** The result links of a results page, in order. */
function resultLinks(html: string): string[] {
  return [...html.matchAll(/class="search-results__item">\s*<h2[^>]*><a href="([^"]+)"/g)].map((match) => match[1] ?? '');
}

const QUESTION = 'my employer films me at work';
/** Words no page holds (nor the start of a longer word), with characters the view must escape, past the title's 60. */
const ODD_ENDING = ` zqxv1 "zqxv2" <zqxv3> & 'zqxv4' \`=zqxv5 ${'zqxv6 '.repeat(8)}`;

describe('search results pages shared by the questions that search the same words', () => {
  it('answers a question with words no page holds exactly as a page rendered for it, at the front door', async () => {
    const app = await buildApp();
    const first = await supertest(app).get('/en/search').query({ q: QUESTION }).expect(200);
    // The same words seen again: the page is rendered once more with marks, and kept in parts.
    await supertest(app)
      .get('/en/search')
      .query({ q: `${QUESTION} zqxv0` })
      .expect(200);
    const shared = await supertest(app)
      .get('/en/search')
      .query({ q: `${QUESTION}${ODD_ENDING}` })
      .expect(200);
    expect(shared.headers.etag, 'put together from the kept parts, not rendered').to.equal(undefined);
    expect(resultLinks(shared.text)).to.deep.equal(resultLinks(first.text)).and.not.be.empty;

    // The same question on an instance that never saw these words renders its page: byte for byte the same.
    const rendered = await supertest(await buildApp())
      .get('/en/search')
      .query({ q: `${QUESTION}${ODD_ENDING}` })
      .expect(200);
    expect(rendered.headers.etag, 'rendered').not.to.equal(undefined);
    expect(shared.text).to.equal(rendered.text);
    expect(shared.text).to.include('&lt;zqxv3&gt; &amp; &#x27;zqxv4&#x27; &#x60;&#x3D;zqxv5');
    expect(shared.text).to.include(`href="/ky/search?q&#x3D;my%20employer`);
    for (const header of ['content-security-policy', 'cache-control', 'x-content-type-options', 'referrer-policy']) {
      expect(shared.headers[header], header).to.equal(rendered.headers[header]);
    }
    // Answered before Express, and logged as every page is: its path, never the words.
    const lines = readFileSync(TEST_LOG_FILE, 'utf8').split('\n');
    const line = lines.find((candidate) => candidate.includes(`"id":"${shared.headers['x-request-id'] ?? ''}"`));
    expect(line).to.include('"msg":"GET /en/search 200"');
    expect(line).not.to.include('zqxv');
  });

  it('searches again for a question of other words, in every language', async () => {
    const app = await buildApp();
    for (const [lang, q, other, expected] of [
      ['en', 'copy of my data', 'cellular operator', '/en/guides/telecoms-and-mobile'],
      ['ru', 'копию данных', 'сотовый оператор', '/ru/guides/telecoms-and-mobile'],
      ['ky', 'көчүрмө', 'мобилдик оператор', '/ky/guides/telecoms-and-mobile'],
    ] as const) {
      await supertest(app).get(`/${lang}/search`).query({ q }).expect(200);
      await supertest(app)
        .get(`/${lang}/search`)
        .query({ q: `${q} zqxv` })
        .expect(200);
      const page = await supertest(app).get(`/${lang}/search`).query({ q: other }).expect(200);
      expect(resultLinks(page.text)[0], `${lang}: ${other}`).to.equal(expected);
      // A word left out (after a minus sign) is a question of its own too.
      const without = await supertest(app)
        .get(`/${lang}/search`)
        .query({ q: `${q} -${other.split(' ')[1] ?? ''}` })
        .expect(200);
      expect(resultLinks(without.text), lang).not.to.include(expected);
    }
  });

  it('shares nothing but a plain search: more parameters, a query to correct, another path', async () => {
    const app = await buildApp();
    await supertest(app).get('/en/search').query({ q: QUESTION }).expect(200);
    await supertest(app)
      .get('/en/search')
      .query({ q: `${QUESTION} zqxv` })
      .expect(200);
    expect(
      (
        await supertest(app)
          .get('/en/search')
          .query({ q: `${QUESTION} zqxw` })
          .expect(200)
      ).headers.etag,
    ).to.equal(undefined);
    expect(
      (
        await supertest(app)
          .get('/en/search')
          .query({ q: `${QUESTION} zqxy`, page: '2' })
          .expect(200)
      ).headers.etag,
    ).not.to.equal(undefined);
    const tooLong = await supertest(app)
      .get('/en/search')
      .query({ q: `${QUESTION} ${'zqxv '.repeat(40)}` })
      .expect(400);
    expect(tooLong.text).to.include('Your search is too long');
    await supertest(app)
      .get('/en/search')
      .query({ q: `${QUESTION} -----zqxv` })
      .expect(400);
  });

  it('drops the shared pages when the content changes, on every instance', async () => {
    const { knex } = testDatabase();
    const app = await buildApp();
    const word = 'зымсыз';
    const search = (q: string) => supertest(app).get('/ky/search').query({ q });
    // «зымсыз» has no page and no synonym yet: its questions share the page of «камера».
    await search('камера').expect(200);
    await search(`камера ${word}`).expect(200);
    const before = await search(`камера ${word} zqxv`).expect(200);
    expect(before.headers.etag).to.equal(undefined);
    expect(resultLinks(before.text)).not.to.include('/ky/guides/telecoms-and-mobile');
    const lists = await readSynonymFiles(`${ROOT}/seeds/content`);
    const edited = lists.map((list) => (list.lang === 'ky' ? { ...list, source: `${list.source}\n${word}, оператор\n` } : list));
    try {
      await syncSynonyms(knex, edited);
      await waitFor(
        async () => resultLinks((await search(`камера ${word} zqxw`)).text).includes('/ky/guides/telecoms-and-mobile'),
        'the new synonym to be searched',
        10_000,
      );
    } finally {
      await syncSynonyms(knex, lists);
    }
  });
});
