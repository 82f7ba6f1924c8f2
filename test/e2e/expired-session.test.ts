/**
 * A citizen on a phone, in Kyrgyz, leaves a complaint open too long: the session ends while a page is open.
 * Sending that page must show, in Kyrgyz, that it was open too long, with every answer still on it (a single
 * ticked box included), and one click on "Continue" must go on. Then the citizen saves the form with a resume
 * code and opens it again in another browser. JavaScript on and off; axe on the pages of the JavaScript run.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { useBrowserTest } from '../support/chromium.ts';
import { testDatabase } from '../support/database.ts';

const t = createTranslator({ strict: true }).forLanguage('ky');
const PHONE = { width: 390, height: 844 };

async function noAxeViolations(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (!javaScriptEnabled) return;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(found, `${page.url()}\n${found.join('\n')}`).to.deep.equal([]);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), page.url()).to.be.at.most(PHONE.width);
}

/** Presses a form's button and waits for the page the form leads to (possibly the same address). */
async function press(page: Page, name: string): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.getByRole('button', { name, exact: true }).click();
  await loaded;
}

for (const javaScriptEnabled of [true, false]) {
  describe(`an expired session in Chromium, on a phone in Kyrgyz (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, function () {
    this.timeout(120_000);
    const running = useBrowserTest();

    it('sends a page left open too long: the answers stay, one click goes on; then saves and resumes the form', async () => {
      const context = await running.browser.newContext({ javaScriptEnabled, viewport: PHONE, locale: 'ky-KG' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${running.base}/ky/complaints/new/about-you`);
      expect(await page.locator('#kept-until').textContent()).to.match(/\d\d:\d\d/);
      await page.fill('#fullName', 'Айгүл Сатыбалдиева');
      await page.fill('#email', `aigul.${javaScriptEnabled ? 'js' : 'nojs'}@example.kg`);
      await page.check('input[name="preferredLanguage"][value="ky"]');
      await press(page, t('common.continue'));
      await page.fill('#organisationName', 'Дарыкана Ден-Соолук');
      await page.check('input[name="sector"][value="health"]');
      await press(page, t('common.continue'));
      expect(page.url()).to.match(/\/what-happened$/);

      // The citizen fills the page, one data kind ticked, and leaves it open; meanwhile the session ends.
      const [year, month, day] = addDays(bishkekToday(), -12).split('-');
      await page.fill('#incidentDate', String(Number(day)));
      await page.fill('#incidentDate-month', String(Number(month)));
      await page.fill('#incidentDate-year', year ?? '');
      await page.fill('#description', 'Дарыкана менин диагнозумду чекке басып чыгарды.\nЭки жолу.');
      await page.check('input[name="rightsAffected"][value="security"]');
      await page.check('input[name="dataKinds"][value="health"]');
      await testDatabase().knex('sessions').whereRaw(`sess::text like '%Дарыкана Ден-Соолук%'`).delete();
      await press(page, t('common.continue'));

      await page.getByRole('heading', { name: t('intake.stale.title') }).waitFor();
      expect(await page.textContent('main')).to.include(t('intake.stale.earlierLost', { count: 30 }));
      expect(await page.isChecked('input[name="dataKinds"][value="health"]')).to.equal(true);
      expect(await page.isChecked('input[name="rightsAffected"][value="security"]')).to.equal(true);
      expect(await page.inputValue('#description')).to.equal('Дарыкана менин диагнозумду чекке басып чыгарды.\nЭки жолу.');
      expect(await page.inputValue('#incidentDate-year')).to.equal(year);
      await noSidewaysScroll(page);
      await noAxeViolations(page, javaScriptEnabled);

      // One click goes on; the journey asks again for the pages lost with the old session, then has this one.
      await press(page, t('common.continue'));
      expect(page.url()).to.match(/\/about-you$/);
      await page.fill('#fullName', 'Айгүл Сатыбалдиева');
      await page.fill('#email', `aigul.${javaScriptEnabled ? 'js' : 'nojs'}@example.kg`);
      await press(page, t('common.continue'));
      await page.fill('#organisationName', 'Дарыкана Ден-Соолук');
      await page.check('input[name="sector"][value="health"]');
      await press(page, t('common.continue'));
      // This page again, as it was sent: the citizen checks it and goes on.
      expect(page.url()).to.match(/\/what-happened$/);
      expect(await page.isChecked('input[name="dataKinds"][value="health"]')).to.equal(true);
      expect(await page.inputValue('#description')).to.include('диагнозумду');
      await press(page, t('common.continue'));
      expect(page.url()).to.match(/\/earlier-contact$/);

      // Save and finish later: the code is shown once; another browser opens the form with it.
      await press(page, t('intake.save.button'));
      expect(page.url()).to.match(/\/save$/);
      await noAxeViolations(page, javaScriptEnabled);
      await press(page, t('intake.save.submit'));
      const code = (await page.locator('#resume-code').textContent())?.trim() ?? '';
      expect(code).to.match(/^\d{5}( \d{5}){4}$/);
      await noSidewaysScroll(page);
      await noAxeViolations(page, javaScriptEnabled);

      const other = await (await running.browser.newContext({ javaScriptEnabled, viewport: PHONE })).newPage();
      other.setDefaultTimeout(15_000);
      await other.goto(`${running.base}/ky/drafts/resume`);
      await noAxeViolations(other, javaScriptEnabled);
      await other.fill('#code', code.replace(/ /g, ''));
      await press(other, t('intake.resume.submit'));
      expect(other.url()).to.match(/\/ky\/complaints\/new\/earlier-contact$/);
      await other.goto(`${running.base}/ky/complaints/new/what-happened`);
      expect(await other.isChecked('input[name="dataKinds"][value="health"]')).to.equal(true);
      expect(await other.inputValue('#description')).to.include('диагнозумду');
    });
  });
}
