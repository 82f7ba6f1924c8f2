import { expect } from 'chai';
import type { Express } from 'express';
import { decodeHTML } from 'entities';
import supertest from 'supertest';
import { LANGUAGES } from '../../src/config.ts';
import { buildApp } from '../support/app.ts';
import { setCookies } from '../support/browser.ts';
import { createOrganisation, testArray } from '../support/register.ts';

/** A word no other test's organisation has, so a search finds this test's rows only. */
function unique(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 8)}`;
}

describe('public register of personal-data holders', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('a Latin, Cyrillic or mixed query finds the organisation whatever script its names are in', async () => {
    const word = unique('zarya');
    const cyrillic = word.replace('zarya', 'Заря');
    const { registrationNumber } = await createOrganisation({ nameKy: `«${cyrillic} Банк» ААК`, nameRu: `ОсОО "${cyrillic} Банк"`, nameEn: null });
    const href = `/en/register/${registrationNumber}`;
    for (const query of [`${word} Bank`, `${cyrillic} Банк`, `${word} Банк`, cyrillic.toUpperCase()]) {
      const html = (await supertest(app).get('/en/register').query({ q: query }).expect(200)).text;
      expect(html, query).to.include(`href="${href}"`);
    }
  });

  it('finds a Cyrillic name from a Latin spelling with another transliteration habit', async () => {
    const { registrationNumber } = await createOrganisation({ nameKy: 'Халык Жумуш Кызмат', nameRu: 'Халык Джумуш Сервис' });
    const html = (await supertest(app).get('/ru/register').query({ q: 'Khalyk Zhumush' }).expect(200)).text;
    expect(html).to.include(`href="/ru/register/${registrationNumber}"`);
  });

  it('finds by ИНН with spaces and dashes ignored, and by its first digits', async () => {
    const { registrationNumber, inn } = await createOrganisation();
    const spaced = `${inn.slice(0, 4)} ${inn.slice(4, 9)}-${inn.slice(9)}`;
    for (const query of [inn, spaced, inn.slice(0, 9)]) {
      const html = (await supertest(app).get('/ky/register').query({ q: query }).expect(200)).text;
      expect(html, query).to.include(`href="/ky/register/${registrationNumber}"`);
    }
  });

  it('filters by sector and region, and pages through the results', async () => {
    const word = unique('pager');
    const made = [];
    for (let i = 0; i < 22; i++)
      made.push(await createOrganisation({ nameRu: `${word} ${String(i).padStart(2, '0')}`, sector: 'healthcare', region: 'naryn' }));
    const other = await createOrganisation({ nameRu: `${word} other`, sector: 'education', region: 'naryn' });
    const first = (await supertest(app).get('/en/register').query({ q: word, sector: 'healthcare', region: 'naryn' }).expect(200)).text;
    expect(first).to.include('22 organisations found');
    expect(first).to.include('Page 1 of 2');
    expect(first).not.to.include(`/en/register/${other.registrationNumber}"`);
    const next = decodeHTML(/<a href="([^"]+)" rel="next">/.exec(first)?.[1] ?? '');
    expect(next).to.match(/^\/en\/register\?/);
    const second = (await supertest(app).get(next).expect(200)).text;
    expect(second).to.include('Page 2 of 2');
    const shown = [...`${first}${second}`.matchAll(/href="\/en\/register\/(\d{4}-\d+)"/g)].map((match) => match[1]);
    expect(new Set(shown)).to.deep.equal(new Set(made.map((entry) => entry.registrationNumber)));
  });

  it('refuses a query longer than the box allows with a message, and ignores nonsense filters', async () => {
    const html = (
      await supertest(app)
        .get('/en/register')
        .query({ q: 'x'.repeat(201) })
        .expect(400)
    ).text;
    expect(html).to.include('Shorten your search to at most 200 characters.');
    await supertest(app)
      .get('/en/register')
      .query({ sector: '<script>', region: ['a', 'b'], page: '-3' })
      .expect(200);
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: the register, an entry and the open-data page render without a cookie`, async () => {
      const { registrationNumber } = await createOrganisation({ nameEn: 'Test Holder LLC' });
      for (const path of ['/register', `/register/${registrationNumber}`, '/register/open-data']) {
        const response = await supertest(app).get(`/${lang}${path}`).expect(200).expect('Content-Type', /html/);
        expect(response.text).to.include(`<html lang="${lang}">`);
        expect(response.text).not.to.match(/style=|<script>/);
        expect(setCookies(response)).to.deep.equal([]);
      }
    });
  }

  it('an entry shows every field of each array and links to a pre-filled letter and complaint', async () => {
    const arrays = [testArray({ name: 'Patients', transferCountries: ['KZ', 'TR'] }), testArray({ name: 'Staff', transferCountries: [] })];
    const { registrationNumber } = await createOrganisation({ nameKy: 'Дарыгер клиникасы', nameRu: 'Клиника Дарыгер', nameEn: 'Dariger Clinic', arrays });
    const html = decodeHTML((await supertest(app).get(`/en/register/${registrationNumber}`).expect(200)).text);
    expect(html).to.include('<h1 class="heading-xl">Dariger Clinic</h1>');
    for (const text of ['Дарыгер клиникасы', 'Клиника Дарыгер', 'Patients', 'Staff', 'Kazakhstan, Türkiye', 'None: the data is not transferred abroad']) {
      expect(html).to.include(text);
    }
    for (const label of [
      'Purposes of processing',
      'Legal basis',
      'Personal data processed',
      'Whose data',
      'Where the data comes from',
      'How long the data is kept',
      'Who receives the data',
      'Security measures',
      'How people are informed',
    ]) {
      expect(html).to.include(label);
    }
    expect(html).to.include(`href="/en/letters/new?organisation=${registrationNumber}"`);
    expect(html).to.include(`href="/en/complaints/new?organisation=${registrationNumber}"`);
  });

  it('an unknown or malformed registration number is the 404 page', async () => {
    await supertest(app).get('/en/register/1999-99999').expect(404);
    await supertest(app).get('/en/register/not-a-number').expect(404);
  });
});
