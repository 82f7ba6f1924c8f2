/**
 * The other two journeys in Chromium, with JavaScript on and off: an anonymous violation report with a file,
 * and an organisation's breach notification. Each ends on a receipt and a stored case.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { useBrowserTest } from '../support/chromium.ts';
import { testDatabase } from '../support/database.ts';
import { PDF } from '../support/files.ts';

/** Fills a step's fields by name, as a person would: text typed, choices ticked. */
async function fill(page: Page, fields: Record<string, string | string[]>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const field = page.locator(`main [name="${name}"]`).first();
    const type = await field.getAttribute('type');
    if (type === 'radio' || type === 'checkbox') {
      for (const item of Array.isArray(value) ? value : [value]) await page.check(`main [name="${name}"][value="${item}"]`);
    } else {
      await field.fill(Array.isArray(value) ? value.join(' ') : value);
    }
  }
}

function dateFields(name: string, iso: string): Record<string, string> {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

async function next(page: Page): Promise<void> {
  const from = page.url();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL((url) => url.toString() !== from);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`report and breach journeys (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, function () {
    this.timeout(120_000);
    const running = useBrowserTest();

    it('an anonymous violation report with a file', async () => {
      const page = await (await running.browser.newContext({ javaScriptEnabled })).newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${running.base}/en/reports/new/what-happened`);
      await fill(page, { organisationName: 'Shop Browser', sector: 'retail', description: 'Cameras film the changing rooms.', knowDate: 'no' });
      await next(page);
      await page.setInputFiles('#evidence', { name: 'photo-note.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Attach the chosen files' }).click();
      expect(await page.content()).to.include('photo-note.pdf');
      await next(page);
      await fill(page, { anonymous: 'yes', preferredLanguage: 'en' });
      await next(page);
      await page.getByRole('button', { name: 'Send' }).click();
      const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
      const stored = await testDatabase().knex('cases').where({ reference }).first<{ type: string; anonymous: boolean; id: number }>();
      expect(stored).to.include({ type: 'report', anonymous: true });
      expect(await testDatabase().knex('attachments').where({ case_id: stored.id }).count('* as n').first()).to.deep.equal({ n: 1 });
    });

    it('a breach notification by an organisation', async () => {
      const page = await (await running.browser.newContext({ javaScriptEnabled })).newPage();
      page.setDefaultTimeout(10_000);
      const today = bishkekToday();
      await page.goto(`${running.base}/en/breaches/new/organisation`);
      await fill(page, {
        organisationName: 'Holder Browser LLC',
        inn: '01234567891234',
        contactName: 'Dana DPO',
        contactPosition: 'Data protection officer',
        contactEmail: 'dpo@holder.example.kg',
      });
      await next(page);
      await fill(page, {
        ...dateFields('discoveredDate', addDays(today, -1)),
        discoveredTime: '09:30',
        occurredKnown: 'no',
        nature: ['confidentiality'],
        description: 'A backup was exposed on a public server.',
      });
      await next(page);
      await fill(page, { dataCategories: ['identity', 'contact'], peopleCategories: 'customers', approxPeople: '1200' });
      await next(page);
      await fill(page, { likelyConsequences: 'Phishing.', measuresTaken: 'Access closed.', peopleTold: 'planned', peopleToldDetails: 'By e-mail this week.' });
      await next(page);
      await fill(page, { isFollowUp: 'no' });
      await next(page);
      await next(page);
      await page.getByRole('button', { name: 'Send' }).click();
      const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
      const stored = await testDatabase().knex('cases').where({ reference }).first<{ type: string; organisation_inn: string }>();
      expect(stored).to.include({ type: 'breach', organisation_inn: '01234567891234' });
    });
  });
}
