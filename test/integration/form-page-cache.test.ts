/**
 * Form pages a visitor without a session sees are rendered once a minute with a slot for the token
 * (http/form-page-cache.ts): every visitor still gets a token of their own, bound to their own form cookie, and
 * nobody's answers ever reach another visitor's page.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
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

describe('a kept form page answered at the front door (a browser that sent no cookie)', () => {
  /** The headers a browser acts on, with the values that differ per response (id, date, cookie, count) masked. */
  function shape(headers: Record<string, unknown>): Record<string, string> {
    const masked: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (['date', 'x-request-id', 'content-length', 'connection', 'keep-alive'].includes(name)) continue;
      masked[name] = String(value)
        .replace(/ukuk\.form=[\w-]+/, 'ukuk.form=NONCE')
        .replace(/Expires=[^;]+/, 'Expires=DATE')
        .replace(/r=\d+; t=\d+/, 'r=N; t=N')
        .replace(/pk=:[^:]+:/, 'pk=:KEY:');
    }
    return masked;
  }

  it('carries the headers Express gives the same page — security, no-store, rate limit, form cookie — and a working token', async () => {
    const app = await buildApp();
    // The first visit renders the page through Express; a browser holding a cookie is always answered there too.
    const rendered = await browser(app).get('/ru/track').expect(200);
    const throughExpress = await browser(app).get('/ru/track').set('Cookie', 'lang=ru').expect(200);
    const atDoor = await browser(app).get('/ru/track').expect(200);
    expect(shape(atDoor.headers)).to.deep.equal(shape(throughExpress.headers));
    expect(shape(atDoor.headers)).to.deep.equal(shape(rendered.headers));
    expect(atDoor.headers['ratelimit']).to.match(/^"form-pages"; r=\d+; t=\d+$/);
    expect(atDoor.headers['cache-control']).to.equal('no-store');
    expect(atDoor.text.replace(csrfTokenFrom(atDoor.text), 'T')).to.equal(throughExpress.text.replace(csrfTokenFrom(throughExpress.text), 'T'));
    const own = await browser(app)
      .post('/ru/track')
      .set('Cookie', formCookie(atDoor))
      .type('form')
      .send({ _csrf: csrfTokenFrom(atDoor.text), reference: 'CMP-2026-000000', accessCode: '000000' });
    expect(own.status).to.equal(400);
  });
});

describe('a kept form page sent to a phone (gzip, compressed when it was kept)', () => {
  /** A GET as a browser sends it, answered with the bytes as they came over the wire. */
  function get(port: number, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/ky/reports/new/what-happened', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  }

  it('comes compressed to a browser that takes gzip — at the door and through Express — and whole to one that does not', async () => {
    const app = await buildApp();
    const server = await new Promise<ReturnType<Express['listen']>>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const phone = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
      const answers = [
        await get(port, phone), // rendered, and kept
        await get(port, phone), // at the front door
        await get(port, { ...phone, Cookie: 'lang=ky' }), // through Express, from the kept page
      ];
      const plain = await get(port, {});
      expect(plain.headers['content-encoding']).to.equal(undefined);
      expect(plain.headers['vary']).to.match(/Accept-Encoding/);
      const page = plain.body.toString();
      expect(page).to.include('<form');
      for (const [index, answer] of answers.entries()) {
        expect(answer.headers['content-encoding'], `answer ${index}`).to.equal('gzip');
        expect(answer.headers['vary'], `answer ${index}`).to.match(/Accept-Encoding/);
        expect(Number(answer.headers['content-length']))
          .to.equal(answer.body.length)
          .and.below(page.length / 3);
        const html = gunzipSync(answer.body).toString();
        const token = csrfTokenFrom(html);
        // The token goes out as it is, beside the compressed page, never compressed with it.
        expect(answer.body.includes(token)).to.equal(true);
        expect(html.replace(token, 'T')).to.equal(page.replace(csrfTokenFrom(page), 'T'));
      }
    } finally {
      server.close();
    }
  });
});
