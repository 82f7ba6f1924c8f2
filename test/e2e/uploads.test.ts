/**
 * The evidence step in Chromium, with JavaScript on and off: several files chosen at once (a photo with its
 * GPS position, an iPhone photo, a Word document), each listed with what was done to it; a file over the size
 * limit named in the error; the "remove hidden information" box kept through an error; axe on every state.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { startBrowserTest, type BrowserTest } from '../support/chromium.ts';
import { docx, HEIC_WITH_GPS, jpegWithGps } from '../support/documents.ts';

async function noAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(found, `${page.url()}\n${found.join('\n')}`).to.deep.equal([]);
}

async function submitStep(page: Page, fields: Record<string, string>, button = 'Continue'): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`main [name="${name}"]`).first();
    const type = await field.getAttribute('type');
    if (type === 'radio' || type === 'checkbox') await page.check(`main [name="${name}"][value="${value}"]`);
    else await field.fill(value);
  }
  const from = page.url();
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL((url) => url.toString() !== from);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`the evidence step in a browser (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, function () {
    this.timeout(120_000);
    let running: BrowserTest;
    let chrome: Browser;
    let base: string;

    before(async () => {
      running = await startBrowserTest();
      ({ base, browser: chrome } = running);
    });
    after(() => running.close());

    it('takes several files at once, says what it did to each, and names a file that is too big', async () => {
      const page = await (await chrome.newContext({ javaScriptEnabled })).newPage();
      page.setDefaultTimeout(15_000);
      const today = bishkekToday();
      const [year = '', month = '', day = ''] = addDays(today, -3).split('-');
      await page.goto(`${base}/en/complaints/new/about-you`);
      await submitStep(page, { fullName: 'Browser Evidence', email: 'browser.evidence@example.kg' });
      await submitStep(page, { organisationName: 'Camera Shop', sector: 'retail' });
      await submitStep(page, {
        'incidentDate-day': String(Number(day)),
        'incidentDate-month': String(Number(month)),
        'incidentDate-year': year,
        description: 'They filmed me.',
        rightsAffected: 'consent',
        dataKinds: 'contact',
      });
      await submitStep(page, { askedOrganisation: 'no' });
      await submitStep(page, { reasonNotAsked: 'Urgent.' });
      await submitStep(page, { desiredOutcomes: 'deletion' });
      expect(page.url()).to.match(/\/evidence$/);
      expect(await page.isChecked('#evidence-stripMetadata')).to.equal(true);
      if (javaScriptEnabled) await noAxeViolations(page);

      // A file over 10 MB, chosen with another: with JavaScript it is flagged at once; the server says the same.
      await page.uncheck('#evidence-stripMetadata');
      await page.setInputFiles('#evidence', [
        { name: 'too-big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) },
        { name: 'street.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps() },
      ]);
      if (javaScriptEnabled) {
        expect(await page.locator('#evidence-chosen').textContent())
          .to.include('“too-big.pdf” is too big')
          .and.include('street.jpg (');
      }
      await page.getByRole('button', { name: 'Attach the chosen files' }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('.error-summary').textContent()).to.include('“too-big.pdf” is too big: each file must be smaller than 10 MB');
      expect(await page.isChecked('#evidence-stripMetadata'), 'the box stays as the citizen left it').to.equal(false);
      if (javaScriptEnabled) await noAxeViolations(page);

      // Three at once: a photo (hidden information removed), an iPhone photo, a Word document.
      await page.check('#evidence-stripMetadata');
      await page.setInputFiles('#evidence', [
        { name: 'street.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps() },
        { name: 'IMG_0100.HEIC', mimeType: 'image/heic', buffer: HEIC_WITH_GPS },
        { name: 'bank-letter.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await docx() },
      ]);
      await page.getByRole('button', { name: 'Attach the chosen files' }).click();
      await page.waitForURL(/\/evidence$/);
      const list = (await page.locator('.file-list').textContent()) ?? '';
      expect(list).to.include('street.jpg').and.include('IMG_0100.jpg').and.include('bank-letter.docx');
      expect(list).to.include('Hidden information removed').and.include('May show the author’s name');
      if (javaScriptEnabled) await noAxeViolations(page);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.waitForURL(/\/declarations$/);
    });
  });
}
