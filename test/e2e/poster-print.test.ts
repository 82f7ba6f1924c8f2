/**
 * Campaign posters are meant to be printed and pinned up: each prints on one A4 page in Chromium, in Kyrgyz,
 * Russian and English, with nothing of it cut off.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { LANGUAGES } from '../../src/config.ts';
import { startBrowserTest, type BrowserTest } from '../support/chromium.ts';
import { ROOT } from '../support/database.ts';

const CAMPAIGNS = [...new Set(readdirSync(path.join(ROOT, 'seeds', 'content', 'campaigns')).map((file) => file.replace(/\.(ky|ru|en)\.md$/, '')))];

describe('campaign posters in print', function () {
  this.timeout(300_000);
  let running: BrowserTest;
  before(async () => {
    running = await startBrowserTest();
  });
  after(() => running.close());

  it('print on one A4 page each, whole, in ky, ru and en', async () => {
    const page = await (await running.browser.newContext()).newPage();
    // Print media from the start, as when a reader prints: the print stylesheet is applied before the PDF is made
    // (a stylesheet for another medium does not hold up the page's load, so page.pdf() could beat it).
    await page.emulateMedia({ media: 'print' });
    const problems: string[] = [];
    for (const slug of CAMPAIGNS) {
      for (const lang of LANGUAGES) {
        const url = `${running.base}/${lang}/campaigns/${slug}/poster`;
        expect((await page.goto(url))?.status(), url).to.equal(200);
        const pdf = await PDFDocument.load(await page.pdf({ format: 'A4' }));
        if (pdf.getPageCount() !== 1) problems.push(`${lang}/${slug}: ${String(pdf.getPageCount())} pages`);
        // Nothing of the poster is hidden or clipped to make it fit.
        const clipped = await page.evaluate<boolean>(
          `[...document.querySelectorAll('.poster, .poster *')].some((element) => element.scrollHeight > element.clientHeight + 1 && getComputedStyle(element).overflowY !== 'visible')`,
        );
        const shown = await page.evaluate<boolean>(`getComputedStyle(document.querySelector('.poster')).display !== 'none'`);
        if (clipped || !shown) problems.push(`${lang}/${slug}: the poster is clipped or hidden in print`);
      }
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('the Kyrgyz and Russian poster prints on one A4 page, whole', async () => {
    const page = await (await running.browser.newContext()).newPage();
    await page.emulateMedia({ media: 'print' });
    const problems: string[] = [];
    for (const slug of CAMPAIGNS) {
      const url = `${running.base}/ru/campaigns/${slug}/poster/ky-ru`;
      expect((await page.goto(url))?.status(), url).to.equal(200);
      const pdf = await PDFDocument.load(await page.pdf({ format: 'A4' }));
      if (pdf.getPageCount() !== 1) problems.push(`${slug}: ${String(pdf.getPageCount())} pages`);
      expect(await page.locator('.poster__column[lang=ky]').count()).to.equal(1);
      expect(await page.locator('.poster__column[lang=ru]').count()).to.equal(1);
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
