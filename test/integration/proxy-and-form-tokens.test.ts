/**
 * Issue 13's "info to act on": /metrics stays private behind a local reverse proxy, a production portal
 * refuses to run behind a proxy nobody declared, and the quiz's and letter's form tokens are bound to the
 * browser that fetched them.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { MISCONFIGURED_MESSAGE } from '../../src/http/proxy-guard.ts';
import { buildApp, releaseApp } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';

/** The settings production requires, with throwaway values: the portal as deployed. */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTHORITY_NAME_KY: 'Агенттик',
  AUTHORITY_NAME_RU: 'Агентство',
  AUTHORITY_NAME_EN: 'Agency',
  AUTHORITY_ADDRESS_KY: 'Бишкек',
  AUTHORITY_ADDRESS_RU: 'Бишкек',
  AUTHORITY_ADDRESS_EN: 'Bishkek',
  AUTHORITY_EMAIL: 'info@agency.example.kg',
  AUTHORITY_PHONE: '+996 312 000000',
  PUBLIC_URL: 'https://ukuk.example.kg',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  MAIL_FROM: 'Ukuk <no-reply@agency.example.kg>',
};

describe('behind a reverse proxy', () => {
  it('/metrics needs the token for a request relayed by a local proxy, whatever TRUST_PROXY says', async () => {
    for (const trust of ['false', 'loopback', 'true']) {
      const app = await buildApp({ TRUST_PROXY: trust, METRICS_TOKEN: 'a-long-metrics-token-0123' });
      // A local nginx relaying an outside request: the socket is loopback, the request says it was forwarded.
      await supertest(app).get('/metrics').set('X-Forwarded-For', '127.0.0.1').expect(403);
      await supertest(app).get('/metrics').set('X-Forwarded-For', '203.0.113.9').expect(403);
      await supertest(app).get('/metrics').set('Forwarded', 'for=203.0.113.9').expect(403);
      await supertest(app).get('/metrics').set('X-Forwarded-For', '203.0.113.9').set('Authorization', 'Bearer a-long-metrics-token-0123').expect(200);
      // A direct local client (a Prometheus on the same machine) needs no token.
      await supertest(app).get('/metrics').expect(200);
      await releaseApp(app);
    }
  });

  it('outside production, serves a forwarded request without TRUST_PROXY and prints nothing on stderr about it', async () => {
    const app = await buildApp({ TRUST_PROXY: 'false' });
    const printed: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (chunk: string | Uint8Array) => printed.push(String(chunk)) > 0;
    try {
      const page = await supertest(app).get('/en/track').set('X-Forwarded-For', '203.0.113.9').expect(200);
      // A post goes through the limiters, which read the client's address.
      await supertest(app)
        .post('/en/track')
        .set('X-Forwarded-For', '203.0.113.9')
        .set(
          'Cookie',
          setCookies(page)
            .map((cookie) => cookie.split(';')[0])
            .join('; '),
        )
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), reference: 'CMP-2026-000000', accessCode: '000000' })
        .expect(400);
    } finally {
      process.stderr.write = write;
      await releaseApp(app);
    }
    // The mistake is the proxy guard's to report, in the portal's log (http/proxy-guard.ts).
    expect(printed.join('')).to.equal('');
  });

  it('in production without TRUST_PROXY, refuses forwarded requests with a message for the operator', async () => {
    const app = await buildApp(PRODUCTION);
    const refused = await supertest(app).get('/en/').set('X-Forwarded-For', '203.0.113.9').set('X-Forwarded-Proto', 'https').expect(503);
    expect(refused.text).to.equal(MISCONFIGURED_MESSAGE);
    expect(refused.text).to.include('TRUST_PROXY');
    await supertest(app).get('/readyz').set('X-Forwarded-For', '203.0.113.9').expect(503);
    await supertest(app).post('/en/track').set('Forwarded', 'for=203.0.113.9').type('form').send({}).expect(503);
    // A request that came straight to the portal is served.
    await supertest(app).get('/en/').expect(200);
    // Declared, the same proxy is fine.
    const declared = await buildApp({ ...PRODUCTION, TRUST_PROXY: 'loopback' });
    await supertest(declared).get('/en/').set('X-Forwarded-For', '203.0.113.9').set('X-Forwarded-Proto', 'https').expect(200);
    await Promise.all([releaseApp(app), releaseApp(declared)]);
  });
});

describe('deployed as in production', () => {
  it('over HTTPS: __Host- cookies that are Secure, HttpOnly and SameSite, long session ids, HSTS, no CORS', async () => {
    const app = await buildApp({ ...PRODUCTION, TRUST_PROXY: 'loopback' });
    const https = (path: string) => supertest(app).get(path).set('X-Forwarded-For', '203.0.113.9').set('X-Forwarded-Proto', 'https');
    // Showing a form creates no session: its token is bound to the form cookie alone.
    const track = await https('/en/track').expect(200);
    expect(setCookies(track)).to.have.length(1);
    expect(setCookies(track)[0]).to.match(/^__Host-ukuk\.form=[\w-]{22}; Max-Age=14400; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    // The first answers open the session.
    const step = await https('/en/complaints/new/about-you').expect(200);
    const answered = await supertest(app)
      .post('/en/complaints/new/about-you')
      .set('X-Forwarded-For', '203.0.113.9')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', setCookies(step)[0]?.split(';')[0] ?? '')
      .type('form')
      .send({ fullName: 'Aida Secure', email: 'aida.secure@example.kg', preferredLanguage: 'en', _csrf: csrfTokenFrom(step.text) })
      .expect(303);
    const opened = setCookies(answered);
    expect(opened).to.have.length(1);
    expect(opened[0]).to.match(/^__Host-ukuk\.sid=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
    // The session id: 24 random bytes (192 bits) from express-session's CSPRNG, then its signature.
    const sid = decodeURIComponent(/^__Host-ukuk\.sid=([^;]+)/.exec(opened[0] ?? '')![1]!);
    expect(/^s:([\w-]+)\./.exec(sid)?.[1]).to.have.length.at.least(32);
    expect(track.headers['strict-transport-security']).to.equal('max-age=31536000; includeSubDomains');
    // No cross-origin reads are granted to anyone, whatever Origin asks.
    expect((await https('/en/').set('Origin', 'https://evil.example').expect(200)).headers).not.to.have.property('access-control-allow-origin');
    const quiz = await https('/en/quiz').expect(200);
    expect(setCookies(quiz)[0]).to.match(/^__Host-ukuk\.form=[\w-]{22}; Max-Age=14400; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    await releaseApp(app);
  });

  it('answers TRACE, directory listings and source-control paths with nothing', async () => {
    const app = await buildApp();
    const trace = await supertest(app).trace('/en/').set('X-Secret-Header', 'echo-me');
    expect(trace.status).to.be.oneOf([403, 404, 405]);
    expect(trace.text).not.to.include('echo-me');
    for (const path of ['/public/', '/public/css/', '/.git/config', '/public/../.git/HEAD', '/.env', '/package.json']) {
      const response = await supertest(app).get(path);
      expect(response.status, path).to.equal(404);
      expect(response.text, path).not.to.match(/Index of|\[core\]|"dependencies"|SESSION_SECRET/);
    }
    await releaseApp(app);
  });
});

describe('form tokens of the quiz and the letter generator', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });
  after(() => releaseApp(app));

  it('are valid only with the cookie of the browser whose page issued them', async () => {
    const mine = browser(app);
    const page = await mine.get('/en/quiz').expect(200);
    const token = csrfTokenFrom(page.text);
    const answers = Object.fromEntries([...page.text.matchAll(/name="(q\d+)" value="a"/g)].map((match) => [match[1]!, 'a']));
    // Replayed without the cookie, or from another browser with its own cookie: refused.
    await supertest(app)
      .post('/en/quiz')
      .type('form')
      .send({ ...answers, _csrf: token })
      .expect(403);
    const other = browser(app);
    await other.get('/en/quiz').expect(200);
    await other
      .post('/en/quiz')
      .type('form')
      .send({ ...answers, _csrf: token })
      .expect(403);
    // The browser that fetched it: accepted.
    await mine
      .post('/en/quiz')
      .type('form')
      .send({ ...answers, _csrf: token })
      .expect(200);
    // The letter's token does not open the quiz, even in the same browser.
    const letter = await mine.get('/en/letters/new').expect(200);
    await mine
      .post('/en/quiz')
      .type('form')
      .send({ ...answers, _csrf: csrfTokenFrom(letter.text) })
      .expect(403);
  });

  it('set a small cookie of their own, never a session, and are never kept by the page cache', async () => {
    const { knex } = testDatabase();
    const before = (await knex('sessions').count<{ n: number }[]>('* as n'))[0]!.n;
    const first = await supertest(app).get('/ky/letters/new').expect(200);
    const second = await supertest(app).get('/ky/letters/new').expect(200);
    const [cookie] = setCookies(first);
    expect(setCookies(first)).to.have.length(1);
    expect(cookie).to.match(/^ukuk\.form=[\w-]{22}; Max-Age=14400; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(first.headers['cache-control']).to.equal('no-store');
    // Each browser its own page: the second reader did not get the first one's token from a cache.
    expect(csrfTokenFrom(second.text)).not.to.equal(csrfTokenFrom(first.text));
    expect((await knex('sessions').count<{ n: number }[]>('* as n'))[0]!.n).to.equal(before);
  });
});
