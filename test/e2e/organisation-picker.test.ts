/**
 * The organisation picker in Chromium: with JavaScript, suggestions as you type (a combobox with a list box,
 * keyboard and axe checked) and the entry picked kept with the case; without it, the results step.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useBrowserTest } from '../support/chromium.ts';
import { createOrganisation } from '../support/register.ts';

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('organisation picker in a browser', function () {
  this.timeout(120_000);
  const running = useBrowserTest();

  it('with JavaScript: typing suggests entries; arrow keys and Enter pick one, kept in the form', async () => {
    const word = `zb${Date.now().toString(36)}`;
    const { registrationNumber } = await createOrganisation({ nameEn: `${word} Savings Bank`, nameRu: `ОсОО «${word} Сбер Банк»` });
    const page = await (await running.browser.newContext({ javaScriptEnabled: true })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${running.base}/en/letters/new`);
    const input = page.locator('#organisationName');
    expect(await input.getAttribute('role')).to.equal('combobox');
    await input.pressSequentially(word.slice(0, 6));
    await page.locator('[role="option"]', { hasText: `${word} Savings Bank` }).waitFor();
    expect(await input.getAttribute('aria-expanded')).to.equal('true');
    expect(await axeViolations(page)).to.deep.equal([]);
    await input.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).to.match(/-0$/);
    await input.press('Enter');
    expect(await input.inputValue()).to.equal(`${word} Savings Bank`);
    expect(await page.locator('input[name="organisationNumber"]').inputValue()).to.equal(registrationNumber);
    expect(await input.getAttribute('aria-expanded')).to.equal('false');
    // Typing again forgets the pick (the server would compare the name anyway).
    await input.press('Backspace');
    expect(await page.locator('input[name="organisationNumber"]').inputValue()).to.equal('');
  });

  it('without JavaScript: the name sent shows the results step', async () => {
    const word = `zc${Date.now().toString(36)}`;
    await createOrganisation({ nameEn: `${word} One` });
    await createOrganisation({ nameEn: `${word} Two` });
    const page = await (await running.browser.newContext({ javaScriptEnabled: false })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${running.base}/en/complaints/new/about-you`);
    await page.fill('main [name="fullName"]', 'Aida');
    await page.fill('main [name="email"]', 'aida@example.kg');
    await Promise.all([page.waitForURL(/organisation$/, { timeout: 10_000 }), page.getByRole('button', { name: 'Continue', exact: true }).click()]);
    expect(await page.locator('#organisationName').getAttribute('role')).to.equal(null);
    await page.fill('#organisationName', word);
    await page.check('main [name="sector"][value="banking"]');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { name: 'Is this the organisation?' }).waitFor();
    // (axe needs scripts in the page: it runs on the JavaScript-on pages.)
    await page.getByLabel(`${word} Two`).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForURL(/what-happened$/);
  });
});
