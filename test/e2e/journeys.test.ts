/**
 * Whole journeys in Debian's Chromium (playwright-core), with JavaScript on and off: a citizen reads, switches
 * language, asks "what can I do?", files a complaint with a file and keeps the access code; an officer signs in
 * with TOTP, takes the case, triages and asks for information; the citizen answers from a phone, in Kyrgyz, with
 * a file, and the case moves on by itself; the officer sees the new reply and proposes a decision; a supervisor
 * returns it with a note, the officer proposes again, the supervisor approves; the citizen reads the Decision
 * section and downloads its PDF (Kyrgyz text checked), and every e-mail sent is read. Every page visited is
 * checked with axe (zero violations).
 */
import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { useBrowserTest } from '../support/chromium.ts';
import { PDF, TEXT } from '../support/files.ts';
import { testJobs } from '../support/jobs.ts';
import { pdfText } from '../support/pdf.ts';
import { newStaffAccount, totpCode } from '../support/staff.ts';
import { testDatabase } from '../support/database.ts';
import type { StaffRole } from '../../src/features/staff/permissions.ts';

const axeEnabled = new WeakSet<Page>();

/** axe runs as a script in the page, so it checks the JavaScript-on run (the HTML is the same in both). */
async function noAxeViolations(page: Page): Promise<void> {
  if (!axeEnabled.has(page)) return;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(found, `${page.url()}\n${found.join('\n')}`).to.deep.equal([]);
}

/** A staff member made the real way in the browser: set-up link, password, TOTP enrolment, recovery codes. */
async function staffInBrowser(browser: Browser, role: StaffRole, javaScriptEnabled: boolean): Promise<{ page: Page; email: string }> {
  const account = await newStaffAccount(role);
  const page = await (await browser.newContext({ javaScriptEnabled, locale: 'en-GB' })).newPage();
  page.setDefaultTimeout(10_000);
  if (javaScriptEnabled) axeEnabled.add(page);
  await page.goto(`${browserBase}/staff/setup/${account.token}?lang=en`);
  await page.fill('#password', 'apricot trees in batken');
  await page.fill('#confirm', 'apricot trees in batken');
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.fill('#email', account.email);
  await page.fill('#password', 'apricot trees in batken');
  await page.getByRole('button', { name: 'Continue' }).click();
  await noAxeViolations(page);
  const secret = ((await page.locator('.manual-key code').textContent()) ?? '').replace(/\s/g, '');
  await page.fill('#code', totpCode(secret));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await page.getByRole('link', { name: 'I have saved my codes — continue' }).click();
  await noAxeViolations(page);
  return { page, email: account.email };
}

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`${browserBase}/staff/cases`);
  await page.fill('#q', reference);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: reference, exact: true }).click();
  await noAxeViolations(page);
}

let browserBase = '';

async function continueButton(page: Page): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Continue', exact: true }).click()]);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`browser journeys (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, function () {
    this.timeout(180_000);
    const running = useBrowserTest();

    before(() => {
      browserBase = running.base;
    });

    it('a complaint from reading to a two-person decision: the citizen replies from a phone in Kyrgyz and downloads the decision', async () => {
      const { sink } = await testJobs();
      const email = `e2e.${javaScriptEnabled ? 'js' : 'nojs'}.${String(Date.now())}@example.kg`;
      const citizen = await (await running.browser.newContext({ javaScriptEnabled, locale: 'en-GB' })).newPage();
      citizen.setDefaultTimeout(10_000);
      if (javaScriptEnabled) axeEnabled.add(citizen);

      // Reads an article, switches language, comes back.
      await citizen.goto(`${running.base}/en/rights/right-of-access`);
      await noAxeViolations(citizen);
      await citizen.getByRole('link', { name: 'Русский' }).click();
      expect(citizen.url()).to.equal(`${running.base}/ru/rights/right-of-access`);
      expect(await citizen.locator('html').getAttribute('lang')).to.equal('ru');
      await citizen.getByRole('link', { name: 'English' }).click();

      // "What can I do?"
      await citizen.goto(`${running.base}/en/help`);
      await noAxeViolations(citizen);

      // The complaint.
      await citizen.goto(`${running.base}/en/complaints/new`);
      await noAxeViolations(citizen);
      await citizen.getByRole('link', { name: 'Start now' }).click();
      await citizen.fill('#fullName', 'Nurlan E2E');
      await citizen.fill('#email', email);
      await citizen.check('input[name=preferredLanguage][value=ky]');
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

      // The officer: set-up link, password, TOTP enrolment, then the queue; takes the case and asks a question.
      const { page: officer, email: officerEmail } = await staffInBrowser(running.browser, 'case_officer', javaScriptEnabled);
      await openCase(officer, reference);
      await officer.getByRole('button', { name: 'Take this case' }).click();
      for (const button of ['Register the case', 'Accept the case', 'Start examination']) await officer.getByRole('button', { name: button }).click();
      await officer.fill('#request_information-message', 'Please send the letter from your employer.');
      await officer.setInputFiles('#request_information-files', { name: 'form-to-fill.pdf', mimeType: 'application/pdf', buffer: PDF });
      await officer.getByRole('button', { name: 'Send the request' }).click();
      await noAxeViolations(officer);

      // The citizen signs in on a phone, in Kyrgyz, reads the question and answers with a file.
      const phone = await (
        await running.browser.newContext({ javaScriptEnabled, locale: 'ky-KG', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      ).newPage();
      phone.setDefaultTimeout(10_000);
      if (javaScriptEnabled) axeEnabled.add(phone);
      await phone.goto(`${running.base}/ky/track`);
      await phone.fill('#reference', reference);
      await phone.fill('#accessCode', code);
      await phone.getByRole('button', { name: 'Кирүү' }).click();
      expect(await phone.content()).to.include('Please send the letter from your employer.');
      expect(await phone.content())
        .to.include('Сизден маалымат күтүп жатабыз')
        .and.include('Жооп берүүнүн акыркы күнү:')
        .and.include('form-to-fill.pdf');
      expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(390);
      await noAxeViolations(phone);
      await phone.fill('#body', 'Иш берүүчүнүн катын тиркедим.');
      await phone.setInputFiles('#files', { name: 'employer.txt', mimeType: 'text/plain', buffer: TEXT });
      await phone.getByRole('button', { name: 'Жөнөтүү' }).click();
      // The case moved on by itself: no longer waiting for the citizen.
      expect(await phone.content()).not.to.include('Сизден маалымат күтүп жатабыз');
      expect(await phone.content()).to.include('Сиз жооп бердиңиз; ишти кароону улантабыз');
      await noAxeViolations(phone);

      // The officer sees the new reply in the queue, reads it and proposes a decision with a file.
      await officer.goto(`${running.base}/staff/cases?q=${reference}`);
      expect(await officer.locator('.tag--reply').textContent()).to.equal('New reply');
      await noAxeViolations(officer);
      await officer.getByRole('link', { name: reference, exact: true }).click();
      expect(await officer.content()).to.include('Иш берүүчүнүн катын тиркедим.');
      const propose = async (reasons: string) => {
        await officer.check('input[name=decision][value=upheld]');
        await officer.fill('#propose_decision-decisionText', reasons);
        await officer.fill('#propose_decision-legalBasis', '«Жеке мүнөздөгү маалымат жөнүндө» Мыйзам, 15-берене');
        await officer.setInputFiles('#propose_decision-files', { name: 'order.pdf', mimeType: 'application/pdf', buffer: PDF });
        await officer.getByRole('button', { name: 'Propose the decision' }).click();
        await noAxeViolations(officer);
      };
      await propose('Банк сиздин маалыматтарыңызды мыйзамсыз бөлүштү.');

      // A supervisor returns it with a note; the officer proposes again; the supervisor approves.
      const { page: supervisor } = await staffInBrowser(running.browser, 'supervisor', javaScriptEnabled);
      await openCase(supervisor, reference);
      expect(await supervisor.content()).to.include('Банк сиздин маалыматтарыңызды мыйзамсыз бөлүштү.');
      await supervisor.fill('#return_decision-reviewNote', 'Name the data that was shared.');
      await supervisor.getByRole('button', { name: 'Return with a note' }).click();
      await officer.reload();
      expect(await officer.content()).to.include('Name the data that was shared.');
      await propose('Банк сиздин насыя маалыматтарыңызды иш берүүчүңүзгө мыйзамсыз бөлүштү. Агенттик банкка көрсөтмө берет.');
      await supervisor.reload();
      await supervisor.getByRole('button', { name: 'Approve and send' }).click();
      await noAxeViolations(supervisor);
      const stored = await testDatabase().knex('cases').where({ reference }).first();
      expect(stored).to.include({ status: 'closed', decision: 'upheld', language: 'ky' });

      // The citizen reads the decision on the phone and downloads it as a PDF in Kyrgyz.
      await phone.goto(`${running.base}/ky/track/case`);
      const decision = phone.locator('#decision');
      expect(await decision.textContent())
        .to.include('Канааттандырылды: Агенттик мыйзам бузулганын аныктады')
        .and.include('Агенттик банкка көрсөтмө берет.')
        .and.include('сотко');
      expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).to.be.at.most(390);
      await noAxeViolations(phone);
      const [download] = await Promise.all([phone.waitForEvent('download'), decision.getByRole('link', { name: 'Чечимди жүктөп алуу (PDF)' }).click()]);
      const pdf = await readFile(await download.path());
      const text = (await pdfText(pdf)).join(' ').replace(/\s+/g, ' ');
      expect(text).to.include('Жеке маалыматтарды коргоо боюнча мамлекеттик агенттик').and.include('ЧЕЧИМ').and.include(reference);
      expect(text).to.include('Агенттик банкка көрсөтмө берет.').and.include('Бул чечимге кантип даттанса болот').and.include('15-берене');
      expect(text).to.match(/[ңөү]/);
      expect(text).to.include(
        (
          await testDatabase()
            .knex('case_decisions')
            .where({ status: 'approved' })
            .whereIn('case_id', testDatabase().knex('cases').select('id').where({ reference }))
            .first()
        ).decision_hash,
      );

      // Every e-mail names what happened and the reference — in Kyrgyz for the citizen — and nothing anyone wrote.
      await sink.waitFor(
        (mail) => (mail.to as { text: string }).text.includes(email) && (mail.text ?? '').includes(`${reference} ишиңиз боюнча чечим чыгарылды.`),
      );
      await sink.waitFor(
        (mail) =>
          (mail.to as { text: string }).text.includes(officerEmail) &&
          (mail.text ?? '').includes(`The citizen answered the request for information on case ${reference}.`),
      );
      const mails = sink.messages.filter((mail) => (mail.to as { text: string }).text.includes(email));
      expect(mails.length).to.be.at.least(3);
      for (const mail of [...mails, ...sink.messages.filter((message) => (message.to as { text: string }).text.includes(officerEmail))]) {
        expect(mail.subject).to.include(reference);
        for (const typed of ['Nurlan', 'employer', 'Иш берүүчүнүн', 'Банк сиздин', 'Name the data']) expect(mail.text, mail.subject).not.to.include(typed);
      }
      expect(mails.some((mail) => (mail.text ?? '').includes('Агенттик') && (mail.text ?? '').includes('Жооп берүүнүн акыркы күнү:'))).to.equal(true);
    });
  });
}
