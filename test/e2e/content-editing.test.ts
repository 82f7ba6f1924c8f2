/**
 * The back office's content pages in Chromium, as editors use them: one editor drafts a change in Kyrgyz on a
 * phone and sends it for review, a second approves it, the public page shows it, the Russian translation is
 * flagged "needs update", and the first version is restored — every page checked with axe (WCAG 2.2 AA) and
 * for sideways scrolling at 390 px, the preview and the diff included.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { syncContent } from '../../src/features/content/sync.ts';
import { parseContentFile } from '../../src/features/content/source.ts';
import { useBrowserTest } from '../support/chromium.ts';
import { testDatabase } from '../support/database.ts';
import { newStaffAccount, totpCode } from '../support/staff.ts';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function checked(page: Page): Promise<void> {
  expect(await violations(page)).to.deep.equal([]);
  const width = await page.evaluate<{ content: number; viewport: number }>(
    '({ content: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth })',
  );
  expect(width.content, page.url()).to.be.at.most(width.viewport);
}

async function signIn(page: Page, base: string, role: 'editor' | 'supervisor', lang: 'ky' | 'ru' | 'en'): Promise<void> {
  const account = await newStaffAccount(role, lang);
  await page.goto(`${base}/staff/setup/${account.token}`);
  await page.fill('#password', 'juniper slopes above naryn');
  await page.fill('#confirm', 'juniper slopes above naryn');
  await page.locator('main button[type=submit]').click();
  await page.fill('#email', account.email);
  await page.fill('#password', 'juniper slopes above naryn');
  await page.locator('main button[type=submit]').click();
  const secret = ((await page.locator('.manual-key code').textContent()) ?? '').replace(/\s/g, '');
  await page.fill('#code', totpCode(secret));
  await page.locator('main button[type=submit]').click();
  await page.locator('main a.button').click();
}

describe('editing content, in Chromium', function () {
  this.timeout(300_000);
  const running = useBrowserTest();

  it('drafts in Kyrgyz, a second editor approves, Russian needs an update, the first version comes back', async () => {
    const slug = `e2e-editing-${String(Date.now())}`;
    const files = (['ky', 'ru', 'en'] as const).map((lang) =>
      parseContentFile(
        'guides',
        `${slug}.${lang}.md`,
        `---\ntitle: 'Колдонмо ${lang}'\nsummary: 'Кыскача ${lang}'\nlegal_basis: 'Law No. 58'\nlast_reviewed: 2026-12-01\ntopic: life\norder: 98\n---\nБаштапкы текст ${lang}.\n`,
      ),
    );
    await syncContent(testDatabase().knex, files);
    const { id } = await testDatabase().knex('content_items').where({ kind: 'guides', slug }).first();

    const author = await (await running.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(author, running.base, 'editor', 'ky');
    await author.getByRole('link', { name: 'Материалдар' }).first().click();
    await checked(author);
    await author.goto(`${running.base}/staff/content/${String(id)}/ky`);
    await author.fill('#bodyMarkdown', 'Жаңы кыргызча текст.\n\n<script>alert(1)</script>');
    await author.getByRole('button', { name: 'Алдын ала көрүү' }).click();
    expect(await author.locator('.preview .prose').textContent()).to.include('Жаңы кыргызча текст.');
    expect(await author.locator('.preview').textContent()).to.include('HTML');
    await checked(author);
    await author.fill('#bodyMarkdown', 'Жаңы кыргызча текст.');
    await author.getByRole('button', { name: 'Долбоорду сактоо' }).click();
    await author.getByRole('button', { name: 'Текшерүүгө жөнөтүү' }).click();
    expect(await author.locator('main').textContent()).to.include('Бул версияны сиз жаздыңыз');
    await checked(author);

    const reviewer = await (await running.browser.newContext()).newPage();
    await signIn(reviewer, running.base, 'editor', 'en');
    await reviewer.goto(`${running.base}/staff/content/${String(id)}/ky`);
    await reviewer.getByRole('button', { name: 'Approve and publish' }).click();
    await reviewer.goto(`${running.base}/ky/guides/${slug}`);
    expect(await reviewer.locator('main').textContent()).to.include('Жаңы кыргызча текст.');
    await reviewer.goto(`${running.base}/staff/content/${String(id)}/ru`);
    expect(await reviewer.locator('main').textContent()).to.include('Needs update');
    expect(await reviewer.locator('.diff ins').first().textContent()).to.include('Жаңы');
    await checked(reviewer);

    await author.goto(`${running.base}/staff/content/${String(id)}/ky/history?from=1&to=2`);
    await checked(author);
    await author.locator('tr', { hasText: 'Материалдардын файлдарынан' }).getByRole('button').click();
    expect(await author.locator('[role=status]').textContent()).to.include('3-версия');
    expect(await author.inputValue('#bodyMarkdown')).to.equal('Баштапкы текст ky.');
  });
});
