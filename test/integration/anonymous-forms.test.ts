/**
 * Issue 19, point 3: showing a form to a visitor without a session writes nothing on the server — no session
 * row, no rate-limit row — and its stateless token is bound to the browser that fetched it; the session is
 * opened by the first valid post, and the journey goes on in it. Form pages are rate-limited per address.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { flushSecurityEvents, SECURITY_WINDOW_MS } from '../../src/features/audit/security-events.ts';
import { buildApp, releaseApp } from '../support/app.ts';
import { inBatches } from '../support/batches.ts';
import { browser, csrfTokenFrom, setCookies } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';

/** Every page that shows a form (or leads to one) to a visitor who has no session yet. */
const FORM_PAGES = [
  '/en/track',
  '/ky/track/lost',
  '/en/complaints/new',
  '/en/complaints/new/about-you',
  '/ru/reports/new/what-happened',
  '/en/breaches/new/organisation',
  '/en/complaints/new/check',
  '/en/drafts/resume',
  '/en/quiz',
  '/en/letters/new',
  '/staff/login',
];
const VISITS = 15;

/** The refusals these tests provoke become their audit events now, not in a later file's window. */
function flushRefusals(): Promise<number> {
  return flushSecurityEvents(testDatabase().knex, new Date(Date.now() + SECURITY_WINDOW_MS));
}

/** What a GET could have written: session rows, and the shared rate-limit counters. */
async function writes(): Promise<{ sessions: number; rateLimitHits: number }> {
  const { knex } = testDatabase();
  const sessions = await knex('sessions').count<{ n: string }[]>('* as n');
  const hits = await knex('rate_limits').sum<{ n: string | null }[]>('hits as n');
  return { sessions: Number(sessions[0]?.n), rateLimitHits: Number(hits[0]?.n ?? 0) };
}

function sessionCookie(response: { headers: Record<string, unknown> }): string | undefined {
  return setCookies(response).find((cookie) => cookie.startsWith('ukuk.sid='));
}

describe('form pages shown without a session', () => {
  let app: Express;
  before(async () => {
    // Counters shared through PostgreSQL, as with several instances: showing a form must not write one either.
    app = await buildApp({ RATE_LIMIT_STORE: 'postgres' });
  });
  after(async () => {
    await flushRefusals();
    await releaseApp(app);
  });

  it(`${String(VISITS)} anonymous visits of every form page create no session and write nothing; the first valid post opens one`, async () => {
    const before = await writes();
    for (const path of FORM_PAGES) {
      await inBatches(VISITS, 5, async () => {
        const response = await supertest(app).get(path);
        expect(response.status, path).to.be.oneOf([200, 303]);
        expect(sessionCookie(response), path).to.equal(undefined);
      });
    }
    expect(await writes()).to.deep.equal(before);

    // A visitor fills in the first step: the token is checked statelessly, and the answers open the session.
    const citizen = browser(app);
    const page = await citizen.get('/en/complaints/new/about-you').expect(200);
    expect(setCookies(page).join()).to.match(/ukuk\.form=/);
    const posted = await citizen
      .post('/en/complaints/new/about-you')
      .type('form')
      .send({ fullName: 'Aida First', email: 'aida.first@example.kg', preferredLanguage: 'en', _csrf: csrfTokenFrom(page.text) })
      .expect(303);
    expect(sessionCookie(posted)).to.match(/HttpOnly/);
    expect((await writes()).sessions).to.equal(before.sessions + 1);
    // It goes on in that session: the next step, posted with the session's token, and the answers kept.
    const next = await citizen.get(posted.headers.location ?? '').expect(200);
    expect(next.text).to.include('name="organisationName"');
    await citizen
      .post('/en/complaints/new/organisation')
      .type('form')
      .send({ organisationName: 'First Bank', sector: 'banking', _csrf: csrfTokenFrom(next.text) })
      .expect(303);
    expect((await citizen.get('/en/complaints/new/about-you').expect(200)).text).to.include('value="Aida First"');
    expect((await writes()).sessions).to.equal(before.sessions + 1);
  });

  it('a failed sign-in opens no session; a successful one does, and the sign-in page’s token is not accepted after it', async () => {
    const { reference, code } = await createCase();
    const citizen = browser(app);
    const page = await citizen.get('/en/track').expect(200);
    const anonymousToken = csrfTokenFrom(page.text);
    const before = await writes();
    const wrong = await citizen.post('/en/track').type('form').send({ _csrf: anonymousToken, reference, accessCode: '0000-0000-0000' }).expect(400);
    expect(sessionCookie(wrong)).to.equal(undefined);
    expect((await writes()).sessions).to.equal(before.sessions);
    const signedIn = await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(wrong.text), reference, accessCode: code })
      .expect(303);
    expect(sessionCookie(signedIn)).to.match(/HttpOnly/);
    // A token issued before the sign-in, even one still bound to this browser's form cookie, is refused now.
    await citizen.post('/en/track/sign-out').type('form').send({ _csrf: anonymousToken }).expect(403);
    const casePage = await citizen.get('/en/track/case').expect(200);
    await citizen
      .post('/en/track/sign-out')
      .type('form')
      .send({ _csrf: csrfTokenFrom(casePage.text) })
      .expect(303);
  });

  it('refuses a stateless token without its own browser’s cookie, or with another browser’s', async () => {
    const mine = browser(app);
    const theirs = browser(app);
    const token = csrfTokenFrom((await mine.get('/en/complaints/new/about-you').expect(200)).text);
    await theirs.get('/en/complaints/new/about-you').expect(200);
    const fields = { fullName: 'Aida Forged', email: 'aida.forged@example.kg', preferredLanguage: 'en', _csrf: token };
    const before = await writes();
    const forged = await theirs.post('/en/complaints/new/about-you').type('form').send(fields).expect(403);
    expect(forged.text).to.include('This page was open too long');
    await supertest(app).post('/en/track').type('form').send({ _csrf: token, reference: 'PDP-2026-000001', accessCode: '1' }).expect(403);
    // Nor is a valid one accepted from another site.
    await mine.post('/en/complaints/new/about-you').set('Sec-Fetch-Site', 'cross-site').type('form').send(fields).expect(403);
    // Nothing was answered for the browser whose token it was; with its own token, its post goes through.
    expect((await mine.get('/en/complaints/new/about-you').expect(200)).text).not.to.include('Aida Forged');
    await mine.post('/en/complaints/new/about-you').type('form').send(fields).expect(303);
    expect((await writes()).sessions).to.be.at.least(before.sessions + 1);
  });
});

describe('form pages are rate-limited per address', () => {
  it('refuses the 301st form page in ten minutes from one address with a translated 429 page, not reading pages or other addresses', async () => {
    const app = await buildApp({ TRUST_PROXY: 'loopback' });
    const from = (address: string, path: string) => supertest(app).get(path).set('X-Forwarded-For', address);
    await inBatches(300, 20, (index) => from('192.0.2.7', index % 2 ? '/en/track' : '/en/complaints/new/about-you').expect(200));
    const refused = await from('192.0.2.7', '/ky/reports/new/what-happened').expect(429);
    expect(refused.text).to.include('<html lang="ky">').and.include('Аракеттер өтө көп');
    expect(refused.headers['retry-after']).to.match(/^\d+$/);
    await from('192.0.2.7', '/en/quiz').expect(429);
    // Reading pages are not form pages; another address has its own allowance.
    await from('192.0.2.7', '/en/rights').expect(200);
    await from('192.0.2.8', '/en/track').expect(200);
    await flushRefusals();
    await releaseApp(app);
  });
});
