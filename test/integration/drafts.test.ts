/**
 * An expired session never destroys a draft or frightens anyone: a form sent after its page was open too long
 * comes back with what was typed and a new token (one click goes on); journeys say until when answers are
 * kept; a form can be saved for 30 days with a resume code (shown, and e-mailed on request) and resumed with
 * its files; saved forms are encrypted, throttled, and purged when they expire.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { SESSION_IDLE_MS } from '../../src/http/session.ts';
import { formatResumeCode, generateResumeCode, normaliseResumeCode, RESUME_CODE_BITS } from '../../src/features/intake/resume-code.ts';
import { maintenanceJobs } from '../../src/jobs/maintenance.ts';
import { buildApp, testLogger } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PDF } from '../support/files.ts';
import { formState } from '../support/html.ts';
import { mailTo } from '../support/jobs.ts';
import { answer, dateFields, upload } from '../support/journeys.ts';

const today = bishkekToday();
const BASE = '/en/complaints/new';
const WHAT_HAPPENED: Record<string, string | string[]> = {
  ...dateFields('incidentDate', addDays(today, -9)),
  description: 'They printed my diagnosis on a receipt.\nTwice.',
  rightsAffected: ['consent', 'security'],
  dataKinds: 'health',
};

function sessionId(response: { headers: Record<string, unknown> }): string {
  const cookie =
    setCookies(response)
      .find((line) => line.startsWith('ukuk.sid='))
      ?.split(';')[0] ?? '';
  return (
    decodeURIComponent(cookie.split('=')[1] ?? '')
      .slice(2)
      .split('.')[0] ?? ''
  );
}

/** The first two steps; returns the id of the session the first answers opened (showing a form opens none). */
async function startComplaint(agent: Agent): Promise<string> {
  const first = await agent.get(`${BASE}/about-you`).expect(200);
  const opened = await agent
    .post(`${BASE}/about-you`)
    .type('form')
    .send({ fullName: 'Aida Draft', email: 'aida.draft@example.kg', postalAddress: '', phone: '', preferredLanguage: 'en', _csrf: csrfTokenFrom(first.text) })
    .expect(303);
  const sid = sessionId(opened);
  await answer(agent, `${BASE}/organisation`, { organisationName: 'Clinic Draft', sector: 'health', organisationAddress: '' });
  return sid;
}

/** About you, the organisation, what happened, earlier contact, why now and the outcome: up to the evidence. */
async function complaintUntilEvidence(agent: Agent): Promise<void> {
  await startComplaint(agent);
  await answer(agent, `${BASE}/what-happened`, WHAT_HAPPENED);
  await answer(agent, `${BASE}/earlier-contact`, { askedOrganisation: 'no' });
  await answer(agent, `${BASE}/not-asked-first`, { reasonNotAsked: 'The clinic ignores letters.' });
  await answer(agent, `${BASE}/outcome`, { desiredOutcomes: ['deletion', 'explanation'] });
}

async function storedSession(
  sid: string,
): Promise<{ intake?: Record<string, { answers: Record<string, unknown>; prefill?: Record<string, unknown> }> } | undefined> {
  const row = await testDatabase()
    .knex('sessions')
    .where({ sid })
    .first<{ sess: { intake?: Record<string, { answers: Record<string, unknown> }> } } | undefined>();
  return row?.sess;
}

function kept(html: string): string {
  return /until (\d\d:\d\d) \(Bishkek time\)/.exec(html)?.[1] ?? '';
}

function bishkekTime(at: number): string {
  return new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Bishkek' }).format(new Date(at));
}

describe('drafts: expired pages, kept answers, saved forms', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('every journey page says until when the answers are kept, and the session really lasts that long', async () => {
    const agent = browser(app);
    const before = Date.now();
    const page = await agent.get(`${BASE}/about-you`).expect(200);
    const shown = kept(page.text);
    expect([bishkekTime(before + SESSION_IDLE_MS), bishkekTime(Date.now() + SESSION_IDLE_MS)]).to.include(shown);
    expect(page.text).to.include('Save and finish later');
    // Showing the page stored nothing; the first answers open the session, which lasts at least that long.
    const sid = await startComplaint(agent);
    const row = await testDatabase().knex('sessions').where({ sid }).first<{ expire: Date }>();
    expect(row.expire.getTime()).to.be.at.least(before + SESSION_IDLE_MS - 1000);
    // Later pages move the time on, and so does the check page.
    const next = await agent.get(`${BASE}/what-happened`).expect(200);
    expect(kept(next.text)).to.match(/^\d\d:\d\d$/);
    expect((await testDatabase().knex('sessions').where({ sid }).first<{ expire: Date }>()).expire.getTime()).to.be.at.least(
      Date.now() + SESSION_IDLE_MS - 5000,
    );
  });

  it('a step sent after the session ended comes back as typed, in a new session with a new token, and one click goes on', async () => {
    const agent = browser(app);
    const sid = await startComplaint(agent);
    const page = await agent.get(`${BASE}/what-happened`).expect(200);
    const oldToken = csrfTokenFrom(page.text);
    // The session ends (30 minutes without activity): its row is gone.
    await testDatabase().knex('sessions').where({ sid }).delete();
    const stale = await agent
      .post(`${BASE}/what-happened`)
      .type('form')
      .send({ ...WHAT_HAPPENED, _csrf: oldToken });
    expect(stale.status).to.equal(403);
    expect(stale.text).to.include('This page was open too long');
    expect(stale.text).to.include('Your answers on earlier pages were deleted after 30 minutes without activity');
    expect(stale.text).not.to.match(/forgery|This action was refused/i);
    const shown = formState(stale.text);
    expect(shown.description).to.deep.equal([WHAT_HAPPENED.description]);
    expect(shown.dataKinds).to.deep.equal(['health']);
    expect(shown.rightsAffected).to.deep.equal(['consent', 'security']);
    expect(shown['incidentDate-day']).to.deep.equal([WHAT_HAPPENED['incidentDate-day']]);
    const newToken = csrfTokenFrom(stale.text);
    expect(newToken).not.to.equal(oldToken);
    // Nothing from the stale post became an answer.
    const newSid = sessionId(stale);
    expect(newSid).not.to.equal(sid);
    expect((await storedSession(newSid))?.intake?.complaint?.answers['what-happened']).to.equal(undefined);

    // One click: the same page, sent with the new token, is accepted; the journey then asks for the lost pages.
    const going = await agent
      .post(`${BASE}/what-happened`)
      .type('form')
      .send({ ...WHAT_HAPPENED, _csrf: newToken })
      .expect(303);
    const next = await agent
      .get(going.headers.location ?? '')
      .redirects(1)
      .expect(200);
    expect(next.text).to.include('name="fullName"');
    await answer(agent, `${BASE}/about-you`, { fullName: 'Aida Draft', email: 'aida.draft@example.kg', preferredLanguage: 'en' });
    await answer(agent, `${BASE}/organisation`, { organisationName: 'Clinic Draft', sector: 'health' });
    const again = formState((await agent.get(`${BASE}/what-happened`).expect(200)).text);
    expect(again.description).to.deep.equal([WHAT_HAPPENED.description]);
    expect(again.dataKinds).to.deep.equal(['health']);
  });

  it('a stale token in a live session (another tab) loses nothing: the page comes back, and the earlier answers are there', async () => {
    const agent = browser(app);
    await startComplaint(agent);
    const stale = await agent
      .post(`${BASE}/what-happened`)
      .type('form')
      .send({ ...WHAT_HAPPENED, _csrf: 'an-old-token' });
    expect(stale.status).to.equal(403);
    expect(stale.text).to.include('This page was open too long');
    expect(stale.text).not.to.include('were deleted');
    await agent
      .post(`${BASE}/what-happened`)
      .type('form')
      .send({ ...WHAT_HAPPENED, _csrf: csrfTokenFrom(stale.text) })
      .expect(303);
    const check = await agent.get(`${BASE}/earlier-contact`).expect(200);
    expect(check.text).to.include('name="askedOrganisation"');
  });

  it('the check page sent with a stale token is shown again to send with one click; without its session, the start page explains', async () => {
    const agent = browser(app);
    await complaintUntilEvidence(agent);
    await answer(agent, `${BASE}/evidence`, { continue: '1' });
    await answer(agent, `${BASE}/declarations`, { privacyAccepted: 'yes', identitySharing: 'yes', truthful: 'yes' });
    const check = await agent.post(`${BASE}/check`).type('form').send({ _csrf: 'old', website: '' });
    expect(check.status).to.equal(403);
    expect(check.text).to.include('This page was open too long').and.include('Clinic Draft');
    await agent
      .post(`${BASE}/check`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(check.text), website: '' })
      .expect(303);

    const gone = await browser(app).post(`${BASE}/check`).type('form').send({ _csrf: 'old', website: '' });
    expect(gone.status).to.equal(403);
    expect(gone.text).to.include('answers are deleted after 30 minutes without activity').and.include('href="/en/drafts/resume"');
  });

  it('keeps the forgery wording for cross-site posts; other forms sent too late say so and show the text written', async () => {
    const crossSite = await browser(app).post(`${BASE}/what-happened`).set('Sec-Fetch-Site', 'cross-site').type('form').send(WHAT_HAPPENED);
    expect(crossSite.status).to.equal(403);
    expect(crossSite.text).to.include('This action was refused').and.include('cross-site request forgery');
    expect(crossSite.text).not.to.include('They printed my diagnosis');

    const { reference, code } = await createCase();
    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference, accessCode: code })
      .expect(303);
    const late = await citizen.post('/en/track/case/messages').type('form').send({ _csrf: 'expired', body: 'A long answer to your question.' });
    expect(late.status).to.equal(403);
    expect(late.text).to.include('This page was open too long').and.include('A long answer to your question.');
    expect(late.text).not.to.match(/forgery/i);
    expect(await testDatabase().knex('messages').where({ body: 'A long answer to your question.' })).to.have.length(0);
  });

  it('the letter generator and the quiz come back as filled in when their token has expired', async () => {
    const letter = {
      requestType: 'access',
      organisationName: 'Late Letter LLC',
      organisationAddress: '',
      fullName: 'Late Writer',
      contact: 'late@example.kg',
      details: '',
      ...dateFields('sendingDate', today),
      letterLanguage: 'ru',
    };
    // One browser throughout: a form token is valid only with the form cookie its page set (identity).
    const writer = browser(app);
    const page = await writer
      .post('/en/letters/new')
      .type('form')
      .send({ ...letter, _csrf: '1.expired' });
    expect(page.status).to.equal(403);
    expect(page.text).to.include('This page was open too long');
    const shown = formState(page.text);
    expect(shown.organisationName).to.deep.equal(['Late Letter LLC']);
    expect(shown.letterLanguage).to.deep.equal(['ru']);
    const letterPage = await writer
      .post('/en/letters/new')
      .type('form')
      .send({ ...letter, _csrf: csrfTokenFrom(page.text) })
      .expect(200);
    expect(letterPage.text).to.include('Late Letter LLC');

    const quiz = (await browser(app).get('/en/quiz').expect(200)).text;
    const first = /type="radio" id="[^"]*" name="([^"]+)" value="([^"]+)"/.exec(quiz);
    const stale = await browser(app)
      .post('/en/quiz')
      .type('form')
      .send({ [first?.[1] ?? '']: first?.[2] ?? '', _csrf: 'x' });
    expect(stale.status).to.equal(403);
    expect(formState(stale.text)[first?.[1] ?? '']).to.deep.equal([first?.[2]]);
  });

  it('saves a form with its files for 30 days, e-mails the code, and resumes it elsewhere with the code', async () => {
    const { knex } = testDatabase();
    const agent = browser(app);
    await complaintUntilEvidence(agent);
    expect((await upload(agent, `${BASE}/evidence`, 'evidence', [{ name: 'receipt.pdf', bytes: PDF }], { upload: '1' })).status).to.equal(303);
    // "Save and finish later" on the declarations page, half filled in: what was ticked is kept too.
    const declarations = await agent.get(`${BASE}/declarations`).expect(200);
    expect(declarations.text).to.include(`formaction="/en/complaints/new/save-step?step&#x3D;declarations"`);
    const toSave = await agent
      .post(`${BASE}/save-step?step=declarations`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(declarations.text), privacyAccepted: 'yes' })
      .expect(303);
    expect(toSave.headers.location).to.equal(`${BASE}/save`);
    const savePage = await agent.get(`${BASE}/save`).expect(200);
    expect(savePage.text).to.include('30 days').and.include('The file you attached stays with the saved form.');
    const bad = await agent
      .post(`${BASE}/save`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(savePage.text), email: 'not-an-address' })
      .expect(400);
    expect(bad.text).to.include('value="not-an-address"');
    const saved = await agent
      .post(`${BASE}/save`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(bad.text), email: 'aida.saved@example.kg' })
      .expect(200);
    expect(saved.headers['cache-control']).to.equal('no-store');
    const code = /class="access-code resume-code"[^>]*>([\d ]+)</.exec(saved.text)?.[1] ?? '';
    expect(code).to.match(/^\d{5}( \d{5}){4}$/);
    expect(saved.text).to.include('aida.saved@example.kg');

    const mail = await mailTo('aida.saved@example.kg');
    expect(mail.text).to.include(code).and.include('/en/drafts/resume');
    expect(mail.text).not.to.include('diagnosis');
    const row = await knex('saved_drafts')
      .orderBy('created_at', 'desc')
      .first<{ id: string; ciphertext: Buffer; code_hash: string; expires_at: Date; draft_token: string }>();
    expect(row.ciphertext.includes(Buffer.from('Clinic Draft'))).to.equal(false);
    expect(row.ciphertext.includes(Buffer.from('diagnosis'))).to.equal(false);
    expect(row.code_hash).not.to.include(code.replace(/ /g, ''));
    expect(row.expires_at.getTime() - Date.now()).to.be.within(29.9 * 86_400_000, 30.1 * 86_400_000);

    // Two days later (the hourly sweep of abandoned files would run): the saved form keeps its file.
    await knex('attachments')
      .where({ draft_token: row.draft_token })
      .update({ created_at: knex.raw(`now() - interval '2 days'`) });
    const cleanup = maintenanceJobs({ knex, logger: testLogger() }).find((job) => job.name === 'cleanup');
    await cleanup?.handle(undefined as never, undefined as never);
    expect(await knex('attachments').where({ draft_token: row.draft_token })).to.have.length(1);
    // The delivered e-mail's code is not kept in the outbox.
    const outbox = await knex('mail_outbox').where({ recipient: 'aida.saved@example.kg', template: 'draft-saved' }).first<{ params: Record<string, string> }>();
    expect(outbox.params).not.to.have.property('code');

    // On another device: the code, typed with dashes, opens the form where it stopped, with its file.
    const phone = browser(app);
    const resume = await phone.get('/en/drafts/resume').expect(200);
    const opened = await phone
      .post('/en/drafts/resume')
      .type('form')
      .send({ _csrf: csrfTokenFrom(resume.text), code: code.replace(/ /g, '-') })
      .expect(303);
    expect(opened.headers.location).to.equal(`${BASE}/declarations`);
    const page = await phone.get(`${BASE}/declarations`).expect(200);
    expect(formState(page.text).privacyAccepted).to.deep.equal(['yes']);
    expect((await phone.get(`${BASE}/evidence`).expect(200)).text).to.include('receipt.pdf');
    expect(formState((await phone.get(`${BASE}/what-happened`).expect(200)).text).dataKinds).to.deep.equal(['health']);
    await answer(phone, `${BASE}/declarations`, { privacyAccepted: 'yes', identitySharing: 'no', truthful: 'yes' });
    const check = await phone.get(`${BASE}/check`).expect(200);
    await phone
      .post(`${BASE}/check`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(check.text), website: '' })
      .expect(303);
    // Sent: the saved copy is gone, and its file belongs to the case.
    expect(await knex('saved_drafts').where({ id: row.id })).to.have.length(0);
    const file = await knex('attachments').where({ file_name: 'receipt.pdf' }).orderBy('created_at', 'desc').first<{ case_id: number | null }>();
    expect(file.case_id).to.be.a('number');
    const again = await browser(app).get('/en/drafts/resume').expect(200);
    const used = await browser(app)
      .post('/en/drafts/resume')
      .type('form')
      .send({ _csrf: csrfTokenFrom(again.text), code });
    expect(used.status).to.be.oneOf([400, 403]);
  });

  it('answers a wrong, a malformed, an overlong and an expired code alike, and limits attempts per address', async () => {
    const { knex } = testDatabase();
    const limited = await buildApp();
    const agent = browser(limited);
    await startComplaint(agent);
    const save = await agent.get(`${BASE}/save`).expect(200);
    const saved = await agent
      .post(`${BASE}/save`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(save.text), email: '' })
      .expect(200);
    const code = /class="access-code resume-code"[^>]*>([\d ]+)</.exec(saved.text)?.[1] ?? '';
    await knex('saved_drafts')
      .where({ code_hash: knex('saved_drafts').select('code_hash').orderBy('created_at', 'desc').limit(1) })
      .update({ expires_at: knex.raw(`now() - interval '1 minute'`) });
    const someone = browser(limited);
    const page = await someone.get('/en/drafts/resume').expect(200);
    const token = csrfTokenFrom(page.text);
    const summaries = new Set<string>();
    for (const typed of ['98760', '00000 00000 00000 00000 00000', '12345 '.repeat(20), code]) {
      const response = await someone.post('/en/drafts/resume').type('form').send({ _csrf: token, code: typed }).expect(400);
      summaries.add((/<ul class="error-summary__list">[\s\S]*?<\/ul>/.exec(response.text) ?? [''])[0]);
      expect(response.text).not.to.include(typed);
    }
    expect(summaries.size).to.equal(1);
    expect([...summaries][0]).to.include('saved forms are kept for 30 days');
    let last = 400;
    for (let i = 0; i < 25 && last !== 429; i++)
      last = (await someone.post('/en/drafts/resume').type('form').send({ _csrf: token, code: '00000 00000 00000 00000 00001' })).status;
    expect(last).to.equal(429);
  });

  it('purges saved forms after 30 days, and their files with them', async () => {
    const { knex } = testDatabase();
    const agent = browser(app);
    await complaintUntilEvidence(agent);
    await upload(agent, `${BASE}/evidence`, 'evidence', [{ name: 'old.pdf', bytes: PDF }], { upload: '1' });
    const save = await agent.get(`${BASE}/save`).expect(200);
    await agent
      .post(`${BASE}/save`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(save.text), email: '' })
      .expect(200);
    const row = await knex('saved_drafts').orderBy('created_at', 'desc').first<{ id: string; draft_token: string }>();
    await knex('saved_drafts')
      .where({ id: row.id })
      .update({ expires_at: knex.raw(`now() - interval '1 hour'`) });
    await knex('attachments')
      .where({ draft_token: row.draft_token })
      .update({ created_at: knex.raw(`now() - interval '31 days'`) });
    const cleanup = maintenanceJobs({ knex, logger: testLogger() }).find((job) => job.name === 'cleanup');
    await cleanup?.handle(undefined as never, undefined as never);
    expect(await knex('saved_drafts').where({ id: row.id })).to.have.length(0);
    expect(await knex('attachments').where({ draft_token: row.draft_token })).to.have.length(0);
  });

  it('resume codes: 25 digits in groups of five (at least 80 bits), forgiving how they are typed', () => {
    expect(RESUME_CODE_BITS).to.be.at.least(80);
    const codes = new Set(Array.from({ length: 200 }, () => generateResumeCode()));
    expect(codes.size).to.equal(200);
    for (const code of codes) expect(code).to.match(/^\d{5}( \d{5}){4}$/);
    const digits = '0123456789012345678901234';
    expect(normaliseResumeCode(formatResumeCode(digits))).to.equal(digits);
    expect(normaliseResumeCode('01234-56789-01234-56789-01234')).to.equal(digits);
    expect(normaliseResumeCode(' 01234.56789 01234 56789 01234 ')).to.equal(digits);
    expect(normaliseResumeCode('0123456789012345678901')).to.equal(undefined);
    expect(normaliseResumeCode('O1234 56789 01234 56789 01234')).to.equal(undefined);
  });
});
