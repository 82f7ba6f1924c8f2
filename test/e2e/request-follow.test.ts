/**
 * Following a request letter in Chromium, as a citizen on a 390 px phone in Kyrgyz, with JavaScript on (axe
 * checked) and off: write the letter, keep it under a code with an e-mail reminder, come back by the link and by
 * the code to see the days left; a letter past its date offers the complaint at once, and the complaint starts
 * with the organisation, the request's date and kind, and the letter attached.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { useBrowserTest } from '../support/chromium.ts';

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function fillDate(page: Page, name: string, iso: string): Promise<void> {
  const [year = '', month = '', day = ''] = iso.split('-');
  await page.fill(`main [name="${name}-day"]`, String(Number(day)));
  await page.fill(`main [name="${name}-month"]`, String(Number(month)));
  await page.fill(`main [name="${name}-year"]`, year);
}

/** Writes a letter in Kyrgyz to an organisation the register does not hold, sent `daysAgo` days ago. */
async function writeLetter(page: Page, base: string, organisation: string, daysAgo: number): Promise<void> {
  await page.goto(`${base}/ky/letters/new`);
  await page.check('main [name="requestType"][value="access"]');
  await page.fill('main [name="organisationName"]', organisation);
  await page.fill('main [name="organisationAddress"]', 'Чүй пр. 1, Бишкек');
  await page.fill('main [name="fullName"]', 'Айгүл Токтогулова');
  await page.fill('main [name="contact"]', 'Токтогул к. 5, Бишкек');
  await fillDate(page, 'sendingDate', addDays(bishkekToday(), -daysAgo));
  await page.check('main [name="letterLanguage"][value="ky"]');
  await page.getByRole('button', { name: 'Катты түзүү' }).click();
  // Names close to entries in the register ask first whether one of them is meant: keep the name as typed.
  if (await page.locator('main [name="organisationChoice"][value="typed"]').count()) {
    await page.check('main [name="organisationChoice"][value="typed"]');
    await page.getByRole('button', { name: 'Улантуу' }).click();
  }
  await page.getByRole('heading', { name: 'Суроо-талапты көзөмөлдөө' }).waitFor();
}

async function keepLetter(page: Page, email?: string): Promise<string> {
  if (email) {
    await page.fill('main [name="reminderEmail"]', email);
    await page.check('main [name="reminderConsent"][value="yes"]');
  }
  await page.getByRole('button', { name: 'Катымды сактоо' }).click();
  await page.getByRole('heading', { name: 'Катыңыз сакталды' }).waitFor();
  return ((await page.locator('#request-code').textContent()) ?? '').trim();
}

describe('following a request letter in a browser', function () {
  this.timeout(180_000);
  const running = useBrowserTest();

  for (const javaScriptEnabled of [true, false]) {
    it(`on a phone in Kyrgyz, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: keep the letter, come back, and complain once its week is over`, async () => {
      const context = await running.browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 }, locale: 'ky-KG' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const checkAxe = async (): Promise<void> => {
        if (javaScriptEnabled) expect(await axeViolations(page), page.url()).to.deep.equal([]);
      };
      const word = `Зк${Date.now().toString(36)}`;
      const email = `aigul.${Date.now().toString(36)}@example.kg`;

      await writeLetter(page, running.base, `${word} Телеком`, 3);
      await checkAxe();
      const code = await keepLetter(page, email);
      expect(code.replace(/ /g, '')).to.match(/^\d{25}$/);
      expect(await page.locator('main').textContent()).to.include('Эскертүүлөр');
      await checkAxe();
      // Back by the link: four days of the week are left.
      await page.locator('.request-link a').click();
      await page.getByText('Жооп берүүгө 4 күн калды').waitFor();
      expect(await page.locator('main').textContent()).to.include(`${word} Телеком`);
      expect(await page.getByRole('button', { name: 'Агенттикке даттануу' }).count()).to.equal(0);
      await checkAxe();
      // And by typing the code, spaces and all, on another day.
      await page.goto(`${running.base}/ky/my-request`);
      await page.fill('main [name="code"]', code);
      await page.getByRole('button', { name: 'Суроо-талабымды ачуу' }).click();
      await page.getByText('Жооп берүүгө 4 күн калды').waitFor();
      await checkAxe();

      // A letter sent ten days ago: past its week at once, and the complaint starts from it.
      await writeLetter(page, running.base, `${word} Банк`, 10);
      const late = await keepLetter(page);
      await page.goto(`${running.base}/ky/my-request/${late.replace(/ /g, '')}`);
      await page.getByRole('heading', { name: 'Эми даттансаңыз болот' }).waitFor();
      await checkAxe();
      await page.getByRole('button', { name: 'Агенттикке даттануу' }).click();
      await page.waitForURL(/\/ky\/complaints\/new\/about-you$/);
      await page.fill('main [name="fullName"]', 'Айгүл Токтогулова');
      await page.fill('main [name="email"]', email);
      await page.getByRole('button', { name: 'Улантуу', exact: true }).click();
      await page.waitForURL(/organisation$/);
      expect(await page.locator('main [name="organisationName"]').inputValue()).to.equal(`${word} Банк`);
      await page.check('main [name="sector"][value="banking"]');
      await page.getByRole('button', { name: 'Улантуу', exact: true }).click();
      if (await page.locator('main [name="organisationChoice"][value="typed"]').count()) {
        await page.check('main [name="organisationChoice"][value="typed"]');
        await page.getByRole('button', { name: 'Улантуу', exact: true }).click();
      }
      await page.waitForURL(/what-happened$/);
      await fillDate(page, 'incidentDate', addDays(bishkekToday(), -20));
      await page.fill('main [name="description"]', 'Маалыматтарымдын көчүрмөсүн бербей жатышат.');
      await page.check('main [name="rightsAffected"][value="access"]');
      await page.check('main [name="dataKinds"][value="contact"]');
      await page.getByRole('button', { name: 'Улантуу', exact: true }).click();
      await page.waitForURL(/earlier-contact$/);
      const sent = addDays(bishkekToday(), -10).split('-');
      expect(await page.locator('main [name="requestDate-day"]').inputValue()).to.equal(String(Number(sent[2])));
      expect(await page.locator('main [name="requestDate-year"]').inputValue()).to.equal(sent[0]);
      expect(await page.locator('main [name="requestType"][value="access"]').isChecked()).to.equal(true);
      expect(await page.locator('main').textContent()).to.include('Суроо-талап катыңыз тиркелди');
      await checkAxe();
      await context.close();
    });
  }
});
