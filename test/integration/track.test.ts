import { expect } from 'chai';
import type { Express } from 'express';
import JSZip from 'jszip';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, setCookies, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PDF, PNG } from '../support/files.ts';
import { jobCompleted, mailTo } from '../support/jobs.ts';
import { pdfText } from '../support/pdf.ts';

async function signIn(agent: Agent, reference: string, code: string, lang = 'en') {
  const page = await agent.get(`/${lang}/track`).expect(200);
  return agent
    .post(`/${lang}/track`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), reference, accessCode: code });
}

describe('case space', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('signs in with reference and code by POST, in a new session, and shows the case without caching it', async () => {
    const { reference, code } = await createCase();
    const agent = browser(app);
    const page = await agent.get('/en/track').expect(200);
    const before = setCookies(page).join();
    const response = await agent
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), reference: reference.toLowerCase(), accessCode: code.replace(/-/g, ' ').toLowerCase() })
      .expect(303);
    expect(response.headers.location).to.equal('/en/track/case');
    const after = setCookies(response).join();
    expect(after).to.match(/ukuk\.sid=/);
    expect(after).not.to.equal(before);
    expect(after).to.match(/HttpOnly/i);
    expect(after).to.match(/SameSite=Lax/i);
    const space = await agent.get('/en/track/case').expect(200);
    expect(space.headers['cache-control']).to.equal('no-store');
    expect(space.text).to.include(reference);
    expect(space.text).to.include('We received your form');
    expect(space.text).to.include('Answer due by');
    expect(space.text).not.to.include(code);
  });

  it('answers a wrong code, an unknown reference and a malformed code with the same generic error', async () => {
    const { reference } = await createCase();
    const texts: string[] = [];
    for (const [ref, code] of [
      [reference, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA'],
      ['PDP-2020-999999', 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA'],
      [reference, 'short'],
    ] as const) {
      const response = await signIn(browser(app), ref, code);
      expect(response.status).to.equal(400);
      texts.push((/<ul class="error-summary__list">[\s\S]*?<\/ul>/.exec(response.text) ?? [''])[0]);
    }
    expect(new Set(texts).size).to.equal(1);
    expect(texts[0]).to.include('The reference and access code do not match');
  });

  it('limits wrong codes for a reference from one address: then even the right code from there waits', async () => {
    const { reference, code } = await createCase();
    const limited = await buildApp();
    let status = 0;
    for (let i = 0; i < 11; i++) status = (await signIn(browser(limited), reference, 'WRONG-CODE')).status;
    expect(status).to.equal(429);
    // Even the right code waits for the window to end.
    expect((await signIn(browser(limited), reference, code)).status).to.equal(429);
  });

  it('one case’s session never reaches another case’s files', async () => {
    const mine = await createCase();
    const theirs = await createCase();
    const them = browser(app);
    expect((await signIn(them, theirs.reference, theirs.code)).status).to.equal(303);
    const page = await them.get('/en/track/case').expect(200);
    await them.post(multipartActionFrom(page.text)).field('_csrf', csrfTokenFrom(page.text)).field('body', '').attach('files', PNG, 'theirs.png').expect(303);
    const theirFile = await testDatabase().knex('attachments').where({ case_id: theirs.caseId }).first();

    const me = browser(app);
    expect((await signIn(me, mine.reference, mine.code)).status).to.equal(303);
    await me.get(`/en/track/case/files/${theirFile.id}`).expect(404);
    const download = await them.get(`/en/track/case/files/${theirFile.id}`).expect(200);
    expect(download.headers['content-disposition']).to.match(/^attachment; filename="?theirs\.png"?/);
    expect(download.headers['x-content-type-options']).to.equal('nosniff');
    expect(Buffer.compare(download.body as Buffer, PNG)).to.equal(0);
    expect(await testDatabase().knex('audit_events').where({ action: 'attachment.downloaded', entity_id: theirFile.id })).to.have.length(1);
  });

  it('sends a message with a file; a refused file stores nothing', async () => {
    const { knex } = testDatabase();
    const { reference, code, caseId } = await createCase();
    const agent = browser(app);
    expect((await signIn(agent, reference, code)).status).to.equal(303);
    let page = await agent.get('/en/track/case').expect(200);
    const refused = await agent
      .post(multipartActionFrom(page.text))
      .field('_csrf', csrfTokenFrom(page.text))
      .field('body', 'Here is the bank letter.')
      .attach('files', PNG, 'letter.pdf');
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include('“letter.pdf” is not a file we can accept');
    expect(refused.text).to.include('Here is the bank letter.');
    expect(await knex('messages').where({ case_id: caseId })).to.have.length(0);
    page = await agent.get('/en/track/case').expect(200);
    await agent
      .post(multipartActionFrom(page.text))
      .field('_csrf', csrfTokenFrom(page.text))
      .field('body', 'Here is the bank letter.')
      .attach('files', PDF, 'letter.pdf')
      .expect(303);
    const space = await agent.get('/en/track/case').expect(200);
    expect(space.text).to.include('Here is the bank letter.');
    expect(space.text).to.include('letter.pdf');
    expect(await knex('audit_events').where({ action: 'message.sent', entity_id: reference })).to.have.length(1);
  });

  it('downloads everything held about the case as a ZIP', async () => {
    const { reference, code } = await createCase();
    const agent = browser(app);
    expect((await signIn(agent, reference, code)).status).to.equal(303);
    const page = await agent.get('/en/track/case').expect(200);
    await agent
      .post(multipartActionFrom(page.text))
      .field('_csrf', csrfTokenFrom(page.text))
      .field('body', 'With a file')
      .attach('files', PDF, 'proof.pdf')
      .expect(303);
    const response = await agent
      .get('/en/track/case/download')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-disposition']).to.include(`${reference}.zip`);
    const zip = await JSZip.loadAsync(response.body as Buffer);
    const copy = (await pdfText(await zip.file(`${reference}/${reference}.pdf`)!.async('nodebuffer'))).join('\n');
    expect(copy).to.include(reference);
    expect(copy).to.match(/Factory Citizen \d+/);
    expect(copy).to.include('With a file');
    expect(copy).to.include('proof.pdf');
    expect(Buffer.compare(await zip.file(`${reference}/files/proof.pdf`)!.async('nodebuffer'), PDF)).to.equal(0);
  });

  it('withdraws a case after confirmation, and then allows no more messages', async () => {
    const { knex } = testDatabase();
    const { reference, code, caseId, email } = await createCase();
    const agent = browser(app);
    expect((await signIn(agent, reference, code)).status).to.equal(303);
    const confirm = await agent.get('/en/track/case/withdraw').expect(200);
    await agent
      .post('/en/track/case/withdraw')
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
      .expect(303);
    expect((await knex('cases').where({ id: caseId }).first()).status).to.equal('withdrawn');
    const space = await agent.get('/en/track/case').expect(200);
    expect(space.text).to.include('Withdrawn');
    expect(space.text).not.to.include('action="/en/track/case/messages"');
    const told = await mailTo(email, (mail) => (mail.text ?? '').includes(`Your case ${reference} was withdrawn.`));
    expect(told.text).to.include('/en/track');
  });

  it('signs out on the server: the old cookie no longer opens the case', async () => {
    const { reference, code } = await createCase();
    const agent = browser(app);
    const response = await signIn(agent, reference, code);
    expect(response.status).to.equal(303);
    const cookie = setCookies(response)
      .map((value) => value.split(';')[0])
      .join('; ');
    const page = await agent.get('/en/track/case').expect(200);
    await agent
      .post('/en/track/sign-out')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(303);
    const replay = await supertest(app).get('/en/track/case').set('Cookie', cookie).expect(303);
    expect(replay.headers.location).to.equal('/en/track');
  });

  it('ends the case session after 15 minutes without activity', async () => {
    const { knex } = testDatabase();
    const { reference, code } = await createCase();
    const agent = browser(app);
    const response = await signIn(agent, reference, code);
    expect(response.status).to.equal(303);
    const sid = decodeURIComponent(/ukuk\.sid=s%3A([^.;]+)/.exec(setCookies(response).join())![1]!);
    const row = await knex('sessions').where({ sid }).first();
    row.sess.caseAccess.lastSeen -= 16 * 60 * 1000;
    await knex('sessions').where({ sid }).update({ sess: row.sess });
    const expired = await agent.get('/en/track/case').expect(303);
    expect(expired.headers.location).to.equal('/en/track?expired=1');
  });

  it('a lost code: an e-mailed single-use link replaces it, the old one stops working', async () => {
    const { reference, code, email } = await createCase();
    const agent = browser(app);
    const lost = await agent.get('/en/track/lost').expect(200);
    const sent = await agent
      .post('/en/track/lost')
      .type('form')
      .send({ _csrf: csrfTokenFrom(lost.text), reference, email: email.toUpperCase() })
      .expect(200);
    expect(sent.text).to.include('Check your e-mail');
    const mail = await mailTo(email, (message) => (message.subject ?? '').includes('New access code'));
    const link = /http:\/\/[^\s]+\/en\/track\/reset\/([\w-]+)/.exec(mail.text ?? '');
    expect(link).to.not.be.null;
    expect(mail.text).not.to.include(code);
    const path = `/en/track/reset/${link![1]!}`;
    const confirm = await agent.get(path).expect(200);
    const done = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
      .expect(200);
    const newCode = /class="access-code">([\d ]+)</.exec(done.text)![1]!;
    expect(newCode).not.to.equal(code);
    expect((await signIn(browser(app), reference, code)).status).to.equal(400);
    expect((await signIn(browser(app), reference, newCode)).status).to.equal(303);
    // Single use.
    await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
      .expect(410);
  });

  it('asking for a code with an e-mail that does not match says the same, and sends nothing', async () => {
    const { knex } = testDatabase();
    const { reference, caseId } = await createCase();
    const agent = browser(app);
    const lost = await agent.get('/en/track/lost').expect(200);
    const sent = await agent
      .post('/en/track/lost')
      .type('form')
      .send({ _csrf: csrfTokenFrom(lost.text), reference, email: 'someone.else@example.kg' })
      .expect(200);
    expect(sent.text).to.include('Check your e-mail');
    // The request is checked in the background: once that has run, still no link.
    await jobCompleted('access-code-lost', String(sent.headers['x-request-id']));
    expect(await knex('access_code_resets').where({ case_id: caseId })).to.have.length(0);
  });
});
