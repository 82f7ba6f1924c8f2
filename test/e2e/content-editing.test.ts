/**
 * The back office's content pages in Chromium, as editors use them: one editor drafts a change in Kyrgyz on a
 * phone and sends it for review, a second approves it, the public page shows it, the Russian translation is
 * flagged "needs update", and the first version is restored — every page checked with axe (WCAG 2.2 AA) and
 * for sideways scrolling at 390 px, the preview and the diff included.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { syncContent } from '../../src/features/content/sync.ts';
import { parseContentFile } from '../../src/features/content/source.ts';
import { useBrowserTest } from '../support/chromium.ts';
import { axeViolations, noSidewaysScroll, signInThroughPages } from '../support/page-checks.ts';
import { testDatabase } from '../support/database.ts';

async function checked(page: Page): Promise<void> {
  expect(await axeViolations(page)).to.deep.equal([]);
  await noSidewaysScroll(page);
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
    await signInThroughPages(author, running.base, 'editor', 'ky');
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
    await signInThroughPages(reviewer, running.base, 'editor', 'en');
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

  it('a quiz question and a step of the guide: their own fields at 390 px, then the public quiz and guide', async () => {
    const page = await (await running.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signInThroughPages(page, running.base, 'editor', 'ky');
    const quiz = await testDatabase().knex('content_items').where({ kind: 'quiz', slug: 'q03' }).first<{ id: number }>('id');
    await page.goto(`${running.base}/staff/content/${String(quiz.id)}/ky`);
    // The right answer is a group of radio buttons; the answers are fields of their own.
    expect(await page.getByRole('radio', { checked: true }).count()).to.be.at.least(1);
    expect(await page.locator('#quiz-option-a').inputValue()).to.not.equal('');
    await checked(page);
    const help = await testDatabase().knex('content_items').where({ kind: 'help', slug: 'marketing' }).first<{ id: number }>('id');
    await page.goto(`${running.base}/staff/content/${String(help.id)}/ky`);
    expect(await page.locator('main').textContent()).to.include('/ky/letters/new?type=stop-processing');
    await checked(page);
    for (const path of ['/ky/help', '/ky/help/marketing', '/ky/quiz']) {
      await page.goto(`${running.base}${path}`);
      await checked(page);
    }
    expect(await page.locator('h1').textContent()).to.not.match(/quiz\.|help\./);
  });
});
