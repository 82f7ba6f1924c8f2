/**
 * Form pages a visitor without a session sees are rendered once a minute with a slot for the token
 * (http/form-page-cache.ts): every visitor still gets a token of their own, bound to their own form cookie, and
 * nobody's answers ever reach another visitor's page.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies } from '../support/browser.ts';

const STEP = '/ky/complaints/new/about-you';

function formCookie(response: { headers: Record<string, unknown> }): string {
  const cookie = setCookies(response).find((candidate) => candidate.startsWith('ukuk.form='));
  if (!cookie) throw new Error('no form cookie');
  return cookie.split(';')[0] ?? '';
}

describe('form pages kept for visitors without a session', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('gives each visitor the same page with a token of their own, valid with their cookie only', async () => {
    const pages: { html: string; token: string; cookie: string }[] = [];
    for (let visitor = 0; visitor < 4; visitor++) {
      const response = await browser(app).get('/en/track').expect(200);
      pages.push({ html: response.text, token: csrfTokenFrom(response.text), cookie: formCookie(response) });
    }
    expect(new Set(pages.map((page) => page.token)).size).to.equal(4);
    expect(new Set(pages.map((page) => page.cookie)).size).to.equal(4);
    const masked = pages.map((page) => page.html.replaceAll(page.token, 'TOKEN'));
    expect(new Set(masked).size).to.equal(1);
    expect(masked[0]).not.to.match(/csrftoken[0-9a-f]{32}/);
    const [first, second] = pages;
    if (!first || !second) throw new Error('no pages');
    // Their own token with their own cookie is accepted (the sign-in itself fails: no such case)…
    const own = await browser(app)
      .post('/en/track')
      .set('Cookie', second.cookie)
      .type('form')
      .send({ _csrf: second.token, reference: 'CMP-2026-000000', accessCode: '000000' });
    expect(own.status).to.equal(400);
    // …another visitor's token is not.
    await browser(app)
      .post('/en/track')
      .set('Cookie', second.cookie)
      .type('form')
      .send({ _csrf: first.token, reference: 'CMP-2026-000000', accessCode: '000000' })
      .expect(403);
  });

  it('never shows one visitor’s answers to another, before or after they answered', async () => {
    const citizen = browser(app);
    const page = await citizen.get(STEP).expect(200);
    await citizen
      .post(STEP)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), fullName: 'Айгүл Бекова', email: 'aigul@example.kg', postalAddress: '', phone: '', preferredLanguage: 'ky' })
      .expect(303);
    const back = await citizen.get(STEP).expect(200);
    expect(back.text).to.include('Айгүл Бекова');
    for (let visitor = 0; visitor < 3; visitor++) {
      const other = await browser(app).get(STEP).expect(200);
      expect(other.text).not.to.include('Айгүл Бекова');
      expect(other.text).not.to.include('aigul@example.kg');
    }
  });
});
