import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { buildApp, TEST_LOG_FILE } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { adminQuery, runDatabaseUrls } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { otherFilesFinished } from '../support/run-files.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * Every line the portal logged during the run so far, scanned for what the tests typed or were given — names,
 * e-mail addresses, access codes, passwords, TOTP secrets, set-up and reset tokens. The test first walks the
 * journeys that carry those itself, so it means the same alone or in any order; named zz- it runs last and
 * then also covers every other file of the run (in a parallel run it waits for the other workers' files, and
 * reads the names in every worker's database).
 */
describe('the logs of the whole run', () => {
  const typed: string[] = [];

  before(async () => {
    const app = await buildApp();
    const made = await createCase({
      parties: [
        {
          role: 'complainant',
          full_name: 'Gulnara Logscan',
          email: 'gulnara.logscan@example.kg',
          postal_address: null,
          phone: null,
          position: null,
          preferred_language: 'en',
          identity_may_be_shared: true,
        },
      ],
      email: 'gulnara.logscan@example.kg',
    });
    typed.push('Gulnara Logscan', made.email, made.code);
    // A citizen signs in with the access code, writes to the officer, and asks for a new code by e-mail.
    const citizen = browser(app);
    const track = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(track.text), reference: made.reference, accessCode: made.code })
      .expect(303);
    const casePage = await citizen.get('/en/track/case').expect(200);
    await citizen
      .post('/en/track/case/messages')
      .type('form')
      .send({ _csrf: csrfTokenFrom(casePage.text), body: 'My neighbour Bakyt Logscan saw the letter.' });
    typed.push('Bakyt Logscan');
    const lost = await browser(app).get('/en/track/lost').expect(200);
    await browser(app)
      .post('/en/track/lost')
      .type('form')
      .send({ _csrf: csrfTokenFrom(lost.text), reference: made.reference, email: made.email });
    // A search for a person's e-mail address: the query string is personal data.
    await browser(app).get('/en/search').query({ q: made.email }).expect(200);
    // An officer sets a password, enrols TOTP, signs in, and searches the queue for the citizen's name.
    const { agent, staff } = await signedInStaff(app, 'supervisor');
    typed.push(staff.email, staff.password, staff.secret, ...staff.recoveryCodes);
    await agent.get('/staff/cases').query({ q: 'Gulnara Logscan', status: 'all' }).expect(200);
    // A citizen keeps a request letter with a reminder by text message, and opens it again by its short link.
    const letter = browser(app);
    const letterForm = await letter.get('/en/letters/new').expect(200);
    const [year = '', month = '', day = ''] = new Date().toISOString().slice(0, 10).split('-');
    const fields = {
      requestType: 'access',
      organisationName: 'Logscan Telecom',
      organisationAddress: '',
      fullName: 'Asel Logscan',
      contact: 'asel.logscan@example.kg',
      details: '',
      'sendingDate-day': String(Number(day)),
      'sendingDate-month': String(Number(month)),
      'sendingDate-year': year,
      letterLanguage: 'en',
    };
    const written = await letter
      .post('/en/letters/new')
      .type('form')
      .send({ ...fields, _csrf: csrfTokenFrom(letterForm.text) });
    const followed = await letter
      .post('/en/letters/follow')
      .type('form')
      .send({ ...fields, reminderPhone: '0700 123 987', reminderConsent: 'yes', _csrf: csrfTokenFrom(written.text) })
      .expect(200);
    const requestCode = /id="request-code">([\d ]+)</.exec(followed.text)?.[1]?.replace(/ /g, '') ?? '';
    await letter.get(`/en/my-request/${requestCode}`).expect(200);
    typed.push('Asel Logscan', 'asel.logscan@example.kg', requestCode, '+996700123987', '0700 123 987', '700123987');
  });

  it('hold none of the names, e-mails, access codes, passwords or tokens the tests used', async function () {
    this.timeout(25 * 60_000);
    await otherFilesFinished();
    expect(existsSync(TEST_LOG_FILE)).to.equal(true);
    const log = readFileSync(TEST_LOG_FILE, 'utf8');
    // The journeys above were logged (so the scan below reads them), by path and status only.
    for (const line of [
      'POST /en/track 303',
      'GET /en/track/case 200',
      'POST /staff/login 303',
      'GET /staff/cases 200',
      'GET /en/search 200',
      'GET /en/my-request/[token] 200',
    ])
      expect(log, line).to.include(line);
    const names: string[] = [];
    const emails: string[] = [];
    for (const url of await runDatabaseUrls()) {
      names.push(
        ...(await adminQuery(url, 'select distinct full_name from case_parties where full_name is not null')).rows.map(
          (row: { full_name: string }) => row.full_name,
        ),
      );
      emails.push(
        ...(await adminQuery(url, 'select distinct email from case_parties where email is not null union select email from staff_users')).rows.map(
          (row: { email: string }) => row.email,
        ),
      );
    }
    expect([...names, ...emails]).to.include.members(['Gulnara Logscan', 'gulnara.logscan@example.kg']);
    for (const value of [...typed, ...names, ...emails]) expect(log, value).not.to.include(value);
    // Patterns: access codes, e-mail addresses of the test domains, argon2 hashes, long URL tokens in paths.
    expect(log).not.to.match(/([2-9A-HJ-NP-Z]{4}-){6}[2-9A-HJ-NP-Z]{4}/);
    expect(log).not.to.match(/\b\d{5}([ -]?\d{5}){4}\b/);
    expect(log).not.to.match(/[\w.+-]+@(example\.kg|agency\.example\.kg)/);
    expect(log).not.to.match(/\$argon2id\$/);
    expect(log).not.to.match(/\/(setup|reset)\/[\w-]{20,}/);
    // Phone numbers in E.164, as the outbox and the SMS gateway see them.
    expect(log).not.to.match(/\+996\d{9}/);
    for (const secretWord of ['correct horse battery', 'walnut orchard in autumn', 'snow on the mountain tops', 'password1234', '_csrf']) {
      expect(log, secretWord).not.to.include(secretWord);
    }
  });
});
