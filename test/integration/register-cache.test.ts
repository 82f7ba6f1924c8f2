/**
 * The register kept in memory on two instances (features/register/caches.ts, search-index.ts): a change made
 * anywhere — one instance's staff, another tool's SQL — reaches both instances' search pages, entry pages and
 * typeahead. (That answers are kept until then: test/unit/register-caches.test.ts, and the numbers of npm run
 * bench; here other tests' notices may empty the caches at any moment.)
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp, releaseApp } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { createOrganisation } from '../support/register.ts';
import { waitFor } from '../support/wait.ts';

describe('the register kept in memory on two instances', () => {
  let first: Express;
  let second: Express;
  before(async () => {
    first = await buildApp();
    second = await buildApp();
  });
  after(async () => {
    await releaseApp(first);
    await releaseApp(second);
  });

  it('shows a change to the register in the kept search and entry pages of both instances', async () => {
    const word = `kc${Date.now().toString(36)}`;
    const { id, registrationNumber } = await createOrganisation({ nameEn: `${word} Leasing`, nameRu: `ОсОО «${word} Лизинг»` });
    const search = `/en/register?q=${word}`;
    const entry = `/en/register/${registrationNumber}`;
    for (const app of [first, second]) {
      expect((await supertest(app).get(search).expect(200)).text).to.include(`${word} Leasing`);
      expect((await supertest(app).get(entry).expect(200)).text).to.include(`${word} Leasing`);
    }
    // Any statement on the register announces itself: both instances drop what they kept.
    await testDatabase()
      .knex('organisations')
      .where({ id })
      .update({ name_en: `${word} Capital` });
    for (const app of [first, second]) {
      await waitFor(async () => (await supertest(app).get(search).expect(200)).text.includes(`${word} Capital`), 'the new name in the search');
      expect((await supertest(app).get(entry).expect(200)).text).to.include(`${word} Capital`);
    }
  });

  it('answers a prefix typed again in every language, and forgets an entry once the register changes', async () => {
    const word = `kd${Date.now().toString(36)}`;
    const { id } = await createOrganisation({ nameEn: `${word} Insurance`, nameRu: `ОсОО «${word} Страхование»` });
    const suggest = async (app: Express): Promise<string[]> =>
      ((await supertest(app).get(`/en/register/suggest?q=${word}`).expect(200)).body as { suggestions: { name: string }[] }).suggestions.map(
        (found) => found.name,
      );
    expect(await suggest(first)).to.deep.equal([`${word} Insurance`]);
    expect(await suggest(first)).to.deep.equal([`${word} Insurance`]);
    // The Russian readers' answer is the same entry, named in Russian: one kept answer serves every language.
    const russian = (await supertest(first).get(`/ru/register/suggest?q=${word}`).expect(200)).body as { suggestions: { name: string }[] };
    expect(russian.suggestions.map((found) => found.name)).to.deep.equal([`ОсОО «${word} Страхование»`]);
    await testDatabase().knex('organisations').where({ id }).update({ status: 'ceased' });
    for (const app of [first, second]) await waitFor(async () => (await suggest(app)).length === 0, 'a ceased entry no longer suggested');
  });

  it('finds a new entry at once on every instance, a search never asked before not waiting for the notice', async () => {
    const word = `ke${Date.now().toString(36)}`;
    await createOrganisation({ nameEn: `${word} Motors`, nameRu: `ОсОО «${word} Моторс»` });
    // Both instances hold the register's word index as it is now.
    for (const app of [first, second]) expect((await supertest(app).get(`/en/register?q=${word}`).expect(200)).text).to.include(`${word} Motors`);
    await createOrganisation({ nameEn: `${word}x Trucks`, nameRu: `ОсОО «${word}x Тракс»` });
    // A URL never asked for, so no kept page: the search reads the register's version and finds the new entry at once.
    for (const app of [first, second]) expect((await supertest(app).get(`/en/register?q=${word}x`).expect(200)).text).to.include(`${word}x Trucks`);
    // So does a search by its ИНН alone (no words: the index's filters).
    const third = await createOrganisation({ nameEn: `${word}y Buses`, nameRu: `ОсОО «${word}y Басы»` });
    for (const app of [first, second]) expect((await supertest(app).get(`/en/register?q=${third.inn}`).expect(200)).text).to.include(`${word}y Buses`);
  });
});
