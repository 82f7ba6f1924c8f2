import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { inBatches } from '../support/batches.ts';
import { setCookies } from '../support/browser.ts';

const EVERY_KIND_OF_RESPONSE = ['/', '/en/', '/ky/privacy', '/ru/no-such-page', '/public/css/main.css', '/healthz', '/robots.txt'];

describe('security baseline', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  for (const path of EVERY_KIND_OF_RESPONSE) {
    it(`security headers on ${path}`, async () => {
      const response = await supertest(app).get(path);
      const csp = String(response.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "script-src 'self'",
        "style-src 'self'",
      ]) {
        expect(csp).to.include(directive);
      }
      expect(csp).not.to.include('unsafe-inline');
      expect(response.headers['x-content-type-options']).to.equal('nosniff');
      expect(response.headers['referrer-policy']).to.equal('same-origin');
      expect(response.headers['x-frame-options']).to.equal('DENY');
      expect(response.headers).not.to.have.property('x-powered-by');
      expect(response.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
      // Plain HTTP: HSTS would be meaningless (and is sent only over HTTPS).
      expect(response.headers).not.to.have.property('strict-transport-security');
    });
  }

  it('sends HSTS when served over HTTPS behind a trusted proxy', async () => {
    const proxied = await buildApp({ TRUST_PROXY: 'loopback' });
    const response = await supertest(proxied).get('/en/').set('X-Forwarded-Proto', 'https').expect(200);
    expect(response.headers['strict-transport-security']).to.match(/max-age=31536000/);
  });

  it('pages are not cached by shared caches', async () => {
    const response = await supertest(app).get('/en/privacy').expect(200);
    expect(response.headers['cache-control']).to.match(/no-cache|no-store/);
    const error = await supertest(app).get('/en/nowhere').expect(404);
    expect(error.headers['cache-control']).to.equal('no-store');
  });

  it('no anonymous GET sets a cookie', async () => {
    for (const path of EVERY_KIND_OF_RESPONSE) {
      expect(setCookies(await supertest(app).get(path)), path).to.deep.equal([]);
    }
  });

  it('refuses a POST without a CSRF token with a translated 403 page that says the page was open too long', async () => {
    const response = await supertest(app).post('/ru/').type('form').send({ anything: '1' }).expect(403);
    expect(response.text).to.include('Страница была открыта слишком долго');
    expect(response.text).not.to.include('подделки');
    expect(response.text).to.include('<html lang="ru">');
  });

  it('refuses a POST with a forged CSRF token', async () => {
    await supertest(app).post('/en/').type('form').send({ _csrf: 'forged' }).expect(403);
  });

  it('refuses cross-site state changes before any handler runs', async () => {
    const crossSite = await supertest(app).post('/en/').set('Sec-Fetch-Site', 'cross-site').type('form').send({}).expect(403);
    expect(crossSite.text).to.include('This action was refused').and.include('cross-site request forgery');
    await supertest(app).post('/en/').set('Origin', 'https://evil.example').type('form').send({}).expect(403);
    await supertest(app).delete('/en/').set('Origin', 'null').expect(403);
  });

  it('limits the size of a form body (413 page, not a crash)', async () => {
    const response = await supertest(app)
      .post('/en/')
      .type('form')
      .send({ text: 'x'.repeat(200_000) })
      .expect(413);
    expect(response.text).to.include('What you sent is too large');
  });

  it('rate-limits floods of state-changing requests with a translated 429 page', async () => {
    const limited = await buildApp();
    // The allowance is at most 300: the 301st request is refused whatever the order of the 300 before it.
    await inBatches(300, 20, () => supertest(limited).post('/ky/').type('form').send({}));
    const last = await supertest(limited).post('/ky/').type('form').send({});
    expect(last.status).to.equal(429);
    expect(last.text).to.include('Аракеттер өтө көп');
    expect(last.headers['retry-after']).to.match(/^\d+$/);
    // Reading is never limited by this rule.
    await supertest(limited).get('/ky/').expect(200);
  });
});
