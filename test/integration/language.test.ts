import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { setCookies } from '../support/browser.ts';

describe('language negotiation', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('/ goes to Kyrgyz by default', async () => {
    const response = await supertest(app).get('/').expect(302);
    expect(response.headers.location).to.equal('/ky/');
  });

  it('/ follows Accept-Language', async () => {
    const response = await supertest(app).get('/').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.8').expect(302);
    expect(response.headers.location).to.equal('/ru/');
    const english = await supertest(app).get('/').set('Accept-Language', 'de-DE, en-GB;q=0.7').expect(302);
    expect(english.headers.location).to.equal('/en/');
  });

  it('/ prefers the remembered language cookie over Accept-Language', async () => {
    const response = await supertest(app).get('/').set('Cookie', 'lang=en').set('Accept-Language', 'ru').expect(302);
    expect(response.headers.location).to.equal('/en/');
  });

  it('ignores a cookie holding an unsupported language', async () => {
    const response = await supertest(app).get('/').set('Cookie', 'lang=de').expect(302);
    expect(response.headers.location).to.equal('/ky/');
  });

  it('an unknown language prefix is a 404 page', async () => {
    const response = await supertest(app).get('/de/').set('Accept-Language', 'en').expect(404);
    expect(response.text).to.include('Page not found');
    await supertest(app).get('/xx/privacy').expect(404);
  });

  it('each page carries <html lang> and links to the same page in the other two languages', async () => {
    const response = await supertest(app).get('/ru/privacy').expect(200);
    expect(response.text).to.include('<html lang="ru">');
    expect(response.text).to.include('href="/ky/privacy" hreflang="ky" lang="ky">Кыргызча</a>');
    expect(response.text).to.include('href="/en/privacy" hreflang="en" lang="en">English</a>');
    expect(response.text).to.match(/aria-current="true">.*Русский/);
  });

  it('remembers a language chosen with the switcher, and only then', async () => {
    const firstVisit = await supertest(app).get('/en/').expect(200);
    expect(setCookies(firstVisit)).to.deep.equal([]);
    const host = '127.0.0.1';
    const switched = await supertest(app).get('/en/privacy').set('Host', host).set('Referer', `http://${host}/ru/privacy`).expect(200);
    const [cookie] = setCookies(switched);
    expect(cookie).to.match(/^lang=en;/);
    expect(cookie).to.match(/HttpOnly/i);
    expect(cookie).to.match(/SameSite=Lax/i);
    // A link from another site does not change the remembered language.
    const external = await supertest(app).get('/en/').set('Referer', 'https://example.org/ru/').expect(200);
    expect(setCookies(external)).to.deep.equal([]);
  });
});
