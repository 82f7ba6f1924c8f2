/**
 * A citizen's way into their case (issue 13 points 4, 7, 8; issue 12 point 10): sessions that end with the
 * code they were opened with, a lost-code request that does the same work whatever is typed, throttling that
 * no stranger can turn into a lock-out, codes that fit a phone, and a receipt that can be kept.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { caseKeys } from '../../src/features/cases/keys.ts';
import { hashAccessCode } from '../../src/features/cases/access-code.ts';
import { buildApp, releaseApp, testConfig } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { jobCompleted, mailTo, testJobs } from '../support/jobs.ts';
import { answer, receiptFrom } from '../support/journeys.ts';
import { signedInStaff } from '../support/staff.ts';

async function signIn(agent: Agent, reference: string, code: string, address?: string) {
  const page = await agent.get('/en/track').expect(200);
  const request = agent.post('/en/track').type('form');
  if (address) request.set('X-Forwarded-For', address);
  return request.send({ _csrf: csrfTokenFrom(page.text), reference, accessCode: code });
}

/** Waits until the lost-code job queued by this request has run. */
function lostCodeJobDone(requestId: string): Promise<void> {
  return jobCompleted('access-code-lost', requestId);
}

async function askForLink(agent: Agent, reference: string, email: string) {
  const lost = await agent.get('/en/track/lost').expect(200);
  return agent
    .post('/en/track/lost')
    .type('form')
    .send({ _csrf: csrfTokenFrom(lost.text), reference, email })
    .expect(200);
}

async function resetLinks(email: string, count: number): Promise<string[]> {
  const { sink } = await testJobs();
  for (let i = 0; i < 200; i++) {
    const links = sink.messages
      .filter((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '').includes(email))
      .map((mail) => /\/en\/track\/reset\/[\w-]+/.exec(mail.text ?? '')?.[0])
      .filter((link): link is string => link !== undefined);
    if (links.length >= count) return links;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected ${String(count)} reset e-mails`);
}

async function useLink(agent: Agent, path: string) {
  const confirm = await agent.get(path).expect(200);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(confirm.text) });
}

describe('case access', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });
  after(() => releaseApp(app));

  describe('sessions end with the code they were opened with', () => {
    it('a new access code signs out every session opened with the old one', async () => {
      const { reference, code, email } = await createCase();
      const old = browser(app);
      expect((await signIn(old, reference, code)).status).to.equal(303);
      await old.get('/en/track/case').expect(200);
      await askForLink(browser(app), reference, email);
      const [link] = await resetLinks(email, 1);
      const done = await useLink(browser(app), link!);
      expect(done.status).to.equal(200);
      // The session opened with the old code no longer reads the case, nor writes to it.
      const read = await old.get('/en/track/case').expect(303);
      expect(read.headers.location).to.equal('/en/track?expired=1');
      const page = await old.get('/en/track').expect(200);
      await old
        .post('/en/track/case/withdraw')
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text) })
        .expect(303);
      expect((await testDatabase().knex('cases').where({ reference }).first()).status).to.equal('submitted');
    });

    it('a case session ends 2 hours after sign-in, however active it was', async () => {
      const { knex } = testDatabase();
      const { reference, code } = await createCase();
      const agent = browser(app);
      const response = await signIn(agent, reference, code);
      const sid = decodeURIComponent(/ukuk\.sid=s%3A([^.;]+)/.exec(setCookies(response).join())![1]!);
      const row = await knex('sessions').where({ sid }).first();
      row.sess.caseAccess.signedInAt -= 2 * 60 * 60 * 1000 + 1000;
      await knex('sessions').where({ sid }).update({ sess: row.sess });
      expect((await agent.get('/en/track/case').expect(303)).headers.location).to.equal('/en/track?expired=1');
    });
  });

  describe('a lost code', () => {
    it('does the same work whatever is typed: one queued job, the same answer, and the e-mail only for a match', async () => {
      const { knex } = testDatabase();
      const { reference, caseId, email } = await createCase();
      const answers: string[] = [];
      const requestIds: string[] = [];
      for (const [ref, address] of [
        ['PDP-2020-999999', email],
        [reference, 'someone.else@example.kg'],
        ['not a reference', email],
        [reference, email.toUpperCase()],
      ] as const) {
        const agent = browser(app);
        const sent = await askForLink(agent, ref, address);
        answers.push(sent.text.replace(/name="_csrf" value="[^"]+"/g, '').replace(/[0-9a-f-]{36}/g, ''));
        requestIds.push(String(sent.headers['x-request-id']));
      }
      expect(new Set(answers).size).to.equal(1);
      for (const id of requestIds) await lostCodeJobDone(id);
      // Only the matching request made a link.
      const resets = await knex('access_code_resets').where({ case_id: caseId }).select<{ created_at: Date }[]>('created_at');
      expect(resets).to.have.length(1);
      const jobs = await knex
        .withSchema('pgboss')
        .from('job')
        .where({ name: 'access-code-lost' })
        .whereRaw(`data ->> 'requestId' = any(?)`, [requestIds])
        .select<{ data: { requestId: string }; started_on: Date }[]>('data', 'started_on');
      expect(jobs).to.have.length(4);
      // Nothing about the case is decided while the citizen waits: the link was made by the matching request's job,
      // after a worker took it up (the database's clock on both sides), not by the request itself. Checked once the
      // jobs are done: a check right after each answer raced the worker, which may already have run.
      const matching = jobs.find((job) => job.data.requestId === requestIds[3]);
      expect(resets[0]!.created_at.getTime()).to.be.at.least(matching!.started_on.getTime());
      // The job table holds no address, only a keyed hash.
      expect(JSON.stringify(jobs)).not.to.include('@');
      const [link] = await resetLinks(email, 1);
      expect(link).to.match(/^\/en\/track\/reset\//);
    });

    it('asking again does not cancel the link already sent; using one cancels the others', async () => {
      const { reference, email, code } = await createCase();
      await askForLink(browser(app), reference, email);
      await resetLinks(email, 1);
      await askForLink(browser(app), reference, email);
      const [first, second] = await resetLinks(email, 2);
      expect(first).not.to.equal(second);
      // The first link still works after the second was sent.
      const done = await useLink(browser(app), first!);
      expect(done.status).to.equal(200);
      const newCode = receiptFrom(done.text.replace('class="access-code"', 'class="access-code"')).code;
      expect(newCode).to.match(/^\d{5}( \d{5}){4}$/);
      expect((await signIn(browser(app), reference, code)).status).to.equal(400);
      expect((await signIn(browser(app), reference, newCode)).status).to.equal(303);
      // The code it would replace is replaced: the other link is spent.
      const opener = browser(app);
      const other = await opener.get(second!).expect(200);
      await opener
        .post(second!)
        .type('form')
        .send({ _csrf: csrfTokenFrom(other.text) })
        .expect(410);
    });

    it('sends at most three links per case and hour, however often it is asked', async () => {
      const { knex } = testDatabase();
      const { reference, email, caseId } = await createCase();
      // A fresh portal, so this address's own limit (10 requests an hour) is not what stops it.
      const fresh = await buildApp();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(String((await askForLink(browser(fresh), reference, email)).headers['x-request-id']));
      for (const id of ids) await lostCodeJobDone(id);
      expect(await knex('access_code_resets').where({ case_id: caseId })).to.have.length(3);
      await releaseApp(fresh);
    });
  });

  describe('throttling that cannot lock a citizen out', () => {
    let proxied: Express;
    before(async () => {
      // Behind a (declared) proxy, so the tests can speak from several addresses.
      proxied = await buildApp({ TRUST_PROXY: 'loopback', CASE_SIGN_IN_CAP: '30' });
    });
    after(() => releaseApp(proxied));

    it('ten wrong codes from one address stop that address only: the right code from another address still works', async () => {
      const { reference, code } = await createCase();
      for (let i = 0; i < 10; i++) expect((await signIn(browser(proxied), reference, '11111 11111 11111 11111 11111', '203.0.113.10')).status).to.equal(400);
      expect((await signIn(browser(proxied), reference, code, '203.0.113.10')).status).to.equal(429);
      expect((await signIn(browser(proxied), reference, code, '198.51.100.20')).status).to.equal(303);
    });

    it('malformed references count per address, never in a counter shared with other addresses or real references', async () => {
      const { reference, code } = await createCase();
      for (let i = 0; i < 11; i++) await signIn(browser(proxied), 'garbage', 'whatever', '203.0.113.11');
      expect((await signIn(browser(proxied), 'garbage', 'whatever', '203.0.113.11')).status).to.equal(429);
      // Another address typing a malformed reference is not refused, and a real reference is unaffected.
      expect((await signIn(browser(proxied), 'also garbage', 'whatever', '203.0.113.12')).status).to.equal(400);
      expect((await signIn(browser(proxied), reference, code, '203.0.113.12')).status).to.equal(303);
    });

    it('too many wrong codes from many addresses pause the case’s sign-in and alert the supervisors once', async () => {
      const { knex } = testDatabase();
      await signedInStaff(proxied, 'supervisor');
      const supervisors = await knex('staff_users').where({ role: 'supervisor' }).whereNull('disabled_at').whereNotNull('totp_enrolled_at').pluck('email');
      const { reference, code } = await createCase();
      // 30 wrong codes from three addresses (each under its own limit of 10).
      for (let i = 0; i < 30; i++)
        expect((await signIn(browser(proxied), reference, '22222 22222 22222 22222 22222', `203.0.113.${String(20 + (i % 3))}`)).status).to.equal(400);
      // Now even the right code from a fresh address waits for the hour to end.
      expect((await signIn(browser(proxied), reference, code, '192.0.2.200')).status).to.equal(429);
      expect((await signIn(browser(proxied), reference, code, '192.0.2.201')).status).to.equal(429);
      const alert = await mailTo(supervisors[0], (mail) => (mail.subject ?? '').includes(reference));
      expect(alert.text).to.include('30');
      expect(alert.text).not.to.match(/\d{5} \d{5}/);
      // Once per window: one audit event, one e-mail per supervisor.
      expect(await knex('audit_events').where({ action: 'security.case_sign_in.paused', entity_id: reference })).to.have.length(1);
      const outbox = await knex('mail_outbox').where({ template: 'staff-sign-in-alert' }).whereRaw(`params ->> 'reference' = ?`, [reference]);
      expect(outbox).to.have.length(supervisors.length);
    });
  });

  describe('a code that fits a phone', () => {
    it('accepts the code with spaces, hyphens or nothing between the groups, and full-width digits', async () => {
      const { reference, code } = await createCase();
      const digits = code.replace(/ /g, '');
      for (const typed of [
        code,
        digits,
        code.replace(/ /g, '-'),
        ` ${digits.slice(0, 12)}  ${digits.slice(12)} `,
        digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      ]) {
        expect((await signIn(browser(app), reference, typed)).status, typed).to.equal(303);
      }
    });

    it('still accepts codes in the earlier 28-character format', async () => {
      const { knex } = testDatabase();
      const { reference, caseId } = await createCase();
      const legacy = 'K7MP-2QXR-9FBT-HJ4W-ZN6D-3CVA-8EYG';
      await knex('cases')
        .where({ id: caseId })
        .update({ access_code_hash: hashAccessCode(legacy.replace(/-/g, ''), caseKeys(testConfig().dataEncryptionKey).accessCodes) });
      expect((await signIn(browser(app), reference, legacy.toLowerCase())).status).to.equal(303);
      expect((await signIn(browser(app), reference, legacy.replace(/-/g, ' '))).status).to.equal(303);
    });

    it('asks for the code with the number keyboard, and offers the letter keyboard for earlier codes', async () => {
      const page = (await supertest(app).get('/ky/track').expect(200)).text;
      expect(page).to.match(/<input[^>]+id="accessCode"[^>]+inputmode="numeric"/);
      expect(page).to.include('href="/ky/track?code=letters"');
      const letters = (await supertest(app).get('/ky/track?code=letters').expect(200)).text;
      expect(letters).to.match(/<input[^>]+id="accessCode"[^>]+inputmode="text"/);
    });
  });
});

describe('the receipt', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });
  after(() => releaseApp(app));

  /** An anonymous report, the shortest journey: its receipt page. */
  async function submitReport(agent: Agent, lang = 'en'): Promise<string> {
    const base = `/${lang}/reports/new`;
    await answer(agent, `${base}/what-happened`, {
      organisationName: 'Example Shop',
      sector: 'retail',
      description: 'The shop films the fitting rooms.',
      knowDate: 'no',
    });
    await answer(agent, `${base}/evidence`, { continue: '1' });
    await answer(agent, `${base}/about-you`, { anonymous: 'yes', fullName: '', email: '', preferredLanguage: lang });
    const check = await agent.get(`${base}/check`).expect(200);
    await agent
      .post(`${base}/check`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(check.text) })
      .expect(303);
    return (await agent.get(`/${lang}/reports/submitted`).expect(200)).text;
  }

  it('e-mails the reference — never the code, nothing the citizen wrote — and shows the code again', async () => {
    const agent = browser(app);
    const page = await submitReport(agent);
    const { reference, code } = receiptFrom(page);
    const invalid = await agent
      .post('/en/reports/submitted/email')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page), code, email: 'not an address' })
      .expect(400);
    expect(invalid.text).to.include('href="#email"');
    expect(receiptFrom(invalid.text).code).to.equal(code);
    const address = `receipt.${String(Date.now())}@example.kg`;
    const sent = await agent
      .post('/en/reports/submitted/email')
      .type('form')
      .send({ _csrf: csrfTokenFrom(invalid.text), code, email: address })
      .expect(200);
    expect(sent.text).to.include(`We are sending the reference to ${address}`);
    expect(receiptFrom(sent.text)).to.deep.equal({ reference, code });
    const mail = await mailTo(address, (message) => (message.subject ?? '').includes(reference));
    expect(mail.text).to.include(reference);
    expect(mail.text).to.include('/en/track');
    expect(mail.text).not.to.include(code);
    expect(mail.text).not.to.include(code.replace(/ /g, ''));
    expect(mail.text).not.to.include('fitting rooms');
    expect(mail.text).not.to.include('Example Shop');
  });

  it('refuses a forged code (shows none) and a request without the CSRF token', async () => {
    const agent = browser(app);
    const page = await submitReport(agent);
    const forged = await agent
      .post('/en/reports/submitted/email')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page), code: '12345 12345 12345 12345 12345', email: 'someone@example.kg' })
      .expect(200);
    expect(forged.text).not.to.include('12345 12345');
    expect(forged.text).not.to.include('class="access-code"');
    await agent.post('/en/reports/submitted/email').type('form').send({ email: 'someone@example.kg' }).expect(403);
  });

  it('sends at most one reference e-mail per address and hour, and three per receipt page', async () => {
    const { knex } = testDatabase();
    // A fresh portal: the per-address limit on these e-mails (5 an hour) is not what this test is about.
    const fresh = await buildApp();
    const agent = browser(fresh);
    let page = await submitReport(agent);
    const { code } = receiptFrom(page);
    const address = `twice.${String(Date.now())}@example.kg`;
    for (let i = 0; i < 3; i++) {
      page = (
        await agent
          .post('/en/reports/submitted/email')
          .type('form')
          .send({ _csrf: csrfTokenFrom(page), code, email: address })
          .expect(200)
      ).text;
    }
    expect(await knex('mail_outbox').where({ template: 'case-reference', recipient: address })).to.have.length(1);
    const fourth = await agent
      .post('/en/reports/submitted/email')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page), code, email: `other.${address}` })
      .expect(429);
    expect(fourth.text).to.include('This page has already sent the reference 3 times');
    await releaseApp(fresh);
  });

  it('downloads a text receipt with the reference and code, in the page language', async () => {
    const agent = browser(app);
    const page = await submitReport(agent, 'ru');
    const { reference, code } = receiptFrom(page);
    const file = await agent
      .post('/ru/reports/submitted/download')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page), code })
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(file.headers['content-disposition']).to.include(`receipt-${reference}.txt`);
    expect(file.headers['content-type']).to.match(/^text\/plain; charset=utf-8/);
    expect(file.headers['cache-control']).to.equal('no-store');
    const text = String(file.body);
    expect(text).to.include(`Номер: ${reference}`);
    expect(text).to.include(`Код доступа: ${code}`);
    expect(text).to.include('/ru/track');
  });

  it('prints the reference and the code, without the forms', async () => {
    const agent = browser(app);
    const page = await submitReport(agent, 'ky');
    expect(page).to.include('<p class="print-only">');
    expect(page).to.match(/<section class="section no-print" aria-labelledby="email-title">/);
    expect(page).to.match(/<section class="section no-print" aria-labelledby="keep-title">/);
    const css = (await supertest(app).get('/public/css/print.css').expect(200)).text;
    expect(css).to.match(/\.no-print[^{]*\{[^}]*display: none/);
    expect(css).to.match(/\.print-only\s*\{\s*display: block/);
  });

  it('acknowledges submissions to one address at most once an hour, saying only that a form arrived', async () => {
    const { knex } = testDatabase();
    const address = `ack.${String(Date.now())}@example.kg`;
    const first = await createCase({ email: address });
    await createCase({ email: address });
    await createCase({ email: address.toUpperCase() });
    const outbox = await knex('mail_outbox').where({ template: 'case-received' }).whereRaw('lower(recipient) = ?', [address]);
    expect(outbox).to.have.length(1);
    const mail = await mailTo(address);
    expect(mail.text).to.include(first.reference);
    expect(mail.text).not.to.include('Factory Org');
    expect(mail.text).not.to.include('Factory case');
  });
});
