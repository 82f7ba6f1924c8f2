import { expect } from 'chai';
import type { Express } from 'express';
import { HtmlValidate } from 'html-validate';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { createCase } from '../support/factories.ts';
import { staffOfRole } from '../support/staff.ts';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Long translated texts make some attributes and lines long; that is content, not markup.
    'long-title': 'off',
    // Handlebars output keeps the authors' indentation and blank lines.
    'no-trailing-whitespace': 'off',
    // The queue's bulk-assignment checkboxes share one name on purpose (a list of cases).
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

async function expectValid(name: string, html: string): Promise<void> {
  const report = await validator.validateString(html);
  const lines = html.split('\n');
  const messages = report.results.flatMap((result) =>
    result.messages.map(
      (message) =>
        `${String(message.line)}:${String(message.column)} ${message.ruleId}: ${message.message} — ${(lines[message.line - 1] ?? '').trim().slice(0, 160)}`,
    ),
  );
  expect(messages, `${name}\n${messages.join('\n')}`).to.deep.equal([]);
}

describe('every page type is valid HTML (html-validate)', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  for (const lang of ['ky', 'ru', 'en']) {
    it(`public pages in ${lang}`, async () => {
      const agent = browser(app);
      for (const path of [
        '/',
        '/rights',
        '/rights/right-of-access',
        '/guides/cctv-and-video',
        '/faq',
        '/campaigns',
        '/campaigns/your-data-your-right',
        '/campaigns/your-data-your-right/poster',
        '/quiz',
        '/help',
        '/letters/new',
        '/search',
        '/search?q=consent',
        '/privacy',
        '/accessibility',
        '/contact',
        '/complaints/new',
        '/complaints/new/about-you',
        '/reports/new',
        '/breaches/new',
        '/track',
        '/track/lost',
        '/drafts/resume',
        '/statistics',
        '/statistics/open-data',
        '/decisions',
        '/decisions?q=bank',
        '/no-such-page',
      ]) {
        const response = await agent.get(`/${lang}${path}`);
        expect(response.status, path).to.be.oneOf([200, 404]);
        await expectValid(`${lang}${path}`, response.text);
      }
    });
  }

  it('form pages with errors, the citizen case space', async () => {
    const agent = browser(app);
    const page = await agent.get('/en/complaints/new/about-you').expect(200);
    const invalid = await agent
      .post('/en/complaints/new/about-you')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), fullName: '', email: 'nope' })
      .expect(400);
    await expectValid('complaint step with errors', invalid.text);
    await expectValid(
      'a step sent too late',
      (await agent.post('/en/complaints/new/about-you').type('form').send({ _csrf: 'stale', fullName: 'A' }).expect(403)).text,
    );
    await agent
      .post('/en/complaints/new/about-you')
      .type('form')
      .send({ _csrf: csrfTokenFrom(invalid.text), fullName: 'A', email: 'a@example.kg', preferredLanguage: 'en' })
      .expect(303);
    const save = await agent.get('/en/complaints/new/save').expect(200);
    await expectValid('save page', save.text);
    await expectValid(
      'saved page',
      (
        await agent
          .post('/en/complaints/new/save')
          .type('form')
          .send({ _csrf: csrfTokenFrom(save.text), email: '' })
          .expect(200)
      ).text,
    );
    await expectValid('expired page', (await agent.post('/en/track/case/messages').type('form').send({ _csrf: 'stale', body: 'Text' }).expect(403)).text);
    await expectValid('cross-site page', (await agent.post('/en/track').set('Sec-Fetch-Site', 'cross-site').type('form').send({}).expect(403)).text);
    const made = await createCase();
    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: made.reference, accessCode: made.code })
      .expect(303);
    await expectValid('case space', (await citizen.get('/en/track/case').expect(200)).text);
    await expectValid('sign-in with the letter keyboard', (await citizen.get('/ky/track?code=letters').expect(200)).text);
  });

  it('the receipt, before and after e-mailing the reference', async () => {
    const agent = browser(app);
    const step = async (path: string, fields: Record<string, string>) => {
      const page = await agent.get(path).expect(200);
      await agent
        .post(path)
        .type('form')
        .send({ ...fields, _csrf: csrfTokenFrom(page.text) })
        .expect(303);
    };
    await step('/ky/reports/new/what-happened', { organisationName: 'Дүкөн', sector: 'retail', description: 'Камералар.', knowDate: 'no' });
    await step('/ky/reports/new/evidence', { continue: '1' });
    await step('/ky/reports/new/about-you', { anonymous: 'yes', preferredLanguage: 'ky' });
    await step('/ky/reports/new/check', {});
    const receipt = await agent.get('/ky/reports/submitted').expect(200);
    await expectValid('receipt', receipt.text);
    const code = /class="access-code"[^>]*>([\d ]+)</.exec(receipt.text)?.[1] ?? '';
    const emailed = await agent
      .post('/ky/reports/submitted/email')
      .type('form')
      .send({ _csrf: csrfTokenFrom(receipt.text), code, email: 'bad' })
      .expect(400);
    await expectValid('receipt with an error', emailed.text);
  });

  it('back-office pages', async () => {
    const made = await createCase();
    await expectValid('staff login', (await browser(app).get('/staff/login?lang=ru').expect(200)).text);
    const { agent } = await staffOfRole(app, 'supervisor');
    for (const path of [
      '/staff/cases',
      '/staff/cases?status=all&sort=received',
      `/staff/cases/${made.reference}`,
      '/staff/holidays',
      '/staff/account',
      '/staff/account/password',
      '/staff/welcome',
      '/staff/users/requests',
      '/staff/dashboard',
      '/staff/reports/annual',
      `/staff/cases/${made.reference}/publication`,
      `/staff/cases/${made.reference}/readers`,
    ]) {
      await expectValid(path, (await agent.get(path).expect(200)).text);
    }
    const { agent: admin } = await staffOfRole(app, 'admin');
    for (const path of ['/staff/users', '/staff/users/new', '/staff/audit']) {
      await expectValid(path, (await admin.get(path).expect(200)).text);
    }
    // A role request waiting (the admin's own: shown without buttons) and the page an admin sees after asking.
    const asked = await admin
      .post('/staff/users')
      .type('form')
      .send({
        _csrf: csrfTokenFrom((await admin.get('/staff/users/new').expect(200)).text),
        displayName: 'Айбек Токтогулов',
        email: `html.${String(Date.now())}@agency.example.kg`,
        role: 'auditor',
        language: 'ky',
      })
      .expect(202);
    await expectValid('access requested', asked.text);
    for (const path of ['/staff/users', '/staff/users/requests']) await expectValid(`${path} with a request`, (await admin.get(path).expect(200)).text);
    const { staff: other } = await staffOfRole(app, 'case_officer');
    await expectValid('a staff account', (await admin.get(`/staff/users/${String(other.id)}`).expect(200)).text);
    await expectValid('requests for an approver', (await agent.get('/staff/users/requests').expect(200)).text);
  });
});
