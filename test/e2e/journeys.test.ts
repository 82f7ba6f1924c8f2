/**
 * Whole journeys in Debian's Chromium (playwright-core), with JavaScript on and off: a citizen reads, switches
 * language, asks "what can I do?", files a complaint with a file and keeps the access code; an officer signs in
 * with TOTP, triages and asks for information; the citizen answers with a file; the officer decides; the citizen
 * sees the decision and the e-mails arrived. Every page visited is checked with axe (zero violations).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startBrowserTest, type BrowserTest } from '../support/chromium.ts';
import { TEXT } from '../support/files.ts';
import { testJobs } from '../support/jobs.ts';
import { newStaffAccount, totpCode } from '../support/staff.ts';
import { testDatabase } from '../support/database.ts';

const axeEnabled = new WeakSet<Page>();

/** axe runs as a script in the page, so it checks the JavaScript-on run (the HTML is the same in both). */
async function noAxeViolations(page: Page): Promise<void> {
  if (!axeEnabled.has(page)) return;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(found, `${page.url()}\n${found.join('\n')}`).to.deep.equal([]);
}

async function continueButton(page: Page): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Continue', exact: true }).click()]);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`browser journeys (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, function () {
    this.timeout(180_000);
    let running: BrowserTest;
    let base: string;
    let browserInstance: Browser;

    before(async () => {
      running = await startBrowserTest();
      ({ base, browser: browserInstance } = running);
    });

    after(() => running.close());

    it('a complaint from reading to decision, with the officer in the back office', async () => {
      const { sink } = await testJobs();
      const email = `e2e.${javaScriptEnabled ? 'js' : 'nojs'}.${String(Date.now())}@example.kg`;
      const citizen = await (await browserInstance.newContext({ javaScriptEnabled, locale: 'en-GB' })).newPage();
      citizen.setDefaultTimeout(10_000);
      if (javaScriptEnabled) axeEnabled.add(citizen);

      // Reads an article, switches language, comes back.
      await citizen.goto(`${base}/en/rights/right-of-access`);
      await noAxeViolations(citizen);
      await citizen.getByRole('link', { name: 'Русский' }).click();
      expect(citizen.url()).to.equal(`${base}/ru/rights/right-of-access`);
      expect(await citizen.locator('html').getAttribute('lang')).to.equal('ru');
      await citizen.getByRole('link', { name: 'English' }).click();

      // "What can I do?"
      await citizen.goto(`${base}/en/help`);
      await noAxeViolations(citizen);

      // The complaint.
      await citizen.goto(`${base}/en/complaints/new`);
      await noAxeViolations(citizen);
      await citizen.getByRole('link', { name: 'Start now' }).click();
      await citizen.fill('#fullName', 'Nurlan E2E');
      await citizen.fill('#email', email);
      await citizen.check('input[name=preferredLanguage][value=en]');
      await noAxeViolations(citizen);
      await continueButton(citizen);
      await citizen.fill('#organisationName', 'E2E Bank');
      await citizen.check('input[name=sector][value=banking]');
      await continueButton(citizen);
      await citizen.fill('#incidentDate', '3');
      await citizen.fill('#incidentDate-month', '11');
      await citizen.fill('#incidentDate-year', '2026');
      await citizen.fill('#description', 'The bank sent my loan details to my employer.');
      await citizen.check('input[name=rightsAffected][value=consent]');
      await citizen.check('input[name=dataKinds][value=financial]');
      await continueButton(citizen);
      await citizen.check('input[name=askedOrganisation][value=no]');
      await continueButton(citizen);
      await noAxeViolations(citizen);
      await citizen.fill('#reasonNotAsked', 'The bank does not answer letters.');
      await continueButton(citizen);
      await citizen.check('input[name=desiredOutcomes][value=explanation]');
      await continueButton(citizen);
      await citizen.setInputFiles('#evidence', { name: 'loan-letter.txt', mimeType: 'text/plain', buffer: TEXT });
      await citizen.getByRole('button', { name: 'Attach the chosen files' }).click();
      expect(await citizen.content()).to.include('loan-letter.txt');
      await noAxeViolations(citizen);
      await continueButton(citizen);
      await citizen.check('input[name=privacyAccepted][value=yes]');
      await citizen.check('input[name=identitySharing][value=yes]');
      await citizen.check('input[name=truthful][value=yes]');
      await continueButton(citizen);
      await noAxeViolations(citizen);
      await citizen.getByRole('button', { name: 'Send' }).click();
      const reference = (await citizen.locator('.reference').textContent())?.trim() ?? '';
      const code = (await citizen.locator('.access-code').textContent())?.trim() ?? '';
      expect(reference).to.match(/^PDP-\d{4}-\d{6}$/);
      expect(code).to.match(/^\d{5}( \d{5}){4}$/);
      await noAxeViolations(citizen);
      await sink.waitFor((mail) => (mail.to as { text: string }).text.includes(email) && mail.subject?.includes(reference) === true);

      // The officer: set-up link, password, TOTP enrolment, then the queue and the case.
      const account = await newStaffAccount('supervisor');
      const officer = await (await browserInstance.newContext({ javaScriptEnabled, locale: 'en-GB' })).newPage();
      officer.setDefaultTimeout(10_000);
      if (javaScriptEnabled) axeEnabled.add(officer);
      await officer.goto(`${base}/staff/setup/${account.token}?lang=en`);
      await officer.fill('#password', 'apricot trees in batken');
      await officer.fill('#confirm', 'apricot trees in batken');
      await officer.getByRole('button', { name: 'Set password' }).click();
      await officer.fill('#email', account.email);
      await officer.fill('#password', 'apricot trees in batken');
      await officer.getByRole('button', { name: 'Continue' }).click();
      await noAxeViolations(officer);
      const secret = ((await officer.locator('.manual-key code').textContent()) ?? '').replace(/\s/g, '');
      await officer.fill('#code', totpCode(secret));
      await officer.getByRole('button', { name: 'Confirm and sign in' }).click();
      await officer.getByRole('link', { name: 'I have saved my codes — continue' }).click();
      await noAxeViolations(officer);
      await officer.fill('#q', reference);
      await officer.getByRole('button', { name: 'Apply filters' }).click();
      await officer.getByRole('link', { name: reference }).click();
      await noAxeViolations(officer);
      for (const button of ['Register the case', 'Accept the case', 'Start examination']) await officer.getByRole('button', { name: button }).click();
      await officer.fill('#request_information-message', 'Please send the letter from your employer.');
      await officer.getByRole('button', { name: 'Send the request' }).click();
      await noAxeViolations(officer);

      // The citizen signs in and answers with a file.
      await citizen.goto(`${base}/en/track`);
      await citizen.fill('#reference', reference);
      await citizen.fill('#accessCode', code);
      await citizen.getByRole('button', { name: 'Sign in' }).click();
      expect(await citizen.content()).to.include('Please send the letter from your employer.');
      await noAxeViolations(citizen);
      await citizen.fill('#body', 'Here is the letter.');
      await citizen.setInputFiles('#files', { name: 'employer.txt', mimeType: 'text/plain', buffer: TEXT });
      await citizen.getByRole('button', { name: 'Send' }).click();

      // The officer resumes and decides.
      await officer.reload();
      expect(await officer.content()).to.include('Here is the letter.');
      await officer.getByRole('button', { name: 'Resume' }).click();
      await officer.check('input[name=decision][value=upheld]');
      await officer.fill('#decide-decisionText', 'The bank broke the law and must stop sharing your data.');
      await officer.getByRole('button', { name: 'Record the decision' }).click();

      // The citizen sees the decision; the e-mails arrived.
      await citizen.goto(`${base}/en/track/case`);
      expect(await citizen.content()).to.include('The bank broke the law and must stop sharing your data.');
      const mails = sink.messages.filter((mail) => (mail.to as { text: string }).text.includes(email));
      await sink.waitFor((mail) => (mail.to as { text: string }).text.includes(email) && mail.subject?.includes('update') === true);
      expect(mails.length).to.be.at.least(2);
      const stored = await testDatabase().knex('cases').where({ reference }).first();
      expect(stored.status).to.equal('decided');
    });
  });
}
