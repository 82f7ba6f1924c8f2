/**
 * What a browser shows of the ways in: the receipt on a phone in Kyrgyz (the code fits and wraps between its
 * groups, printing keeps the reference and code without the forms), the case sign-in with its number keyboard,
 * and the back-office pages made for access (the staff login in Russian, a role's welcome page, role
 * approvals) — each checked with axe (WCAG 2.2 AA).
 */
import { expect } from 'chai';
import { useBrowserTest } from '../support/chromium.ts';
import { axeViolations, noSidewaysScroll, signInThroughPages } from '../support/page-checks.ts';

describe('ways in, in Chromium', function () {
  this.timeout(300_000);
  const running = useBrowserTest();

  for (const javaScriptEnabled of [true, false]) {
    it(`the receipt on a 390 px phone in Kyrgyz keeps the code readable, printable and e-mailable (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await (await running.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled })).newPage();
      await page.goto(`${running.base}/ky/reports/new/what-happened`);
      await page.fill('#organisationName', 'Дүкөн');
      await page.check('input[name=sector][value=retail]');
      await page.fill('#description', 'Дүкөн кийим алмаштыруучу бөлмөлөрдү видеого тартат.');
      await page.check('input[name=knowDate][value=no]');
      await page.locator('main button[type=submit]:not([formaction])').last().click();
      await page.locator('main button[name=continue]').click();
      await page.check('input[name=anonymous][value=yes]');
      await page.locator('main button[type=submit]:not([formaction])').last().click();
      await page.locator('main button[type=submit]:not([formaction])').last().click();
      const code = ((await page.locator('.access-code').textContent()) ?? '').trim();
      expect(code).to.match(/^\d{5}( \d{5}){4}$/);
      // (axe and measurements run scripts in the page: only with JavaScript on.)
      if (javaScriptEnabled) {
        expect(await axeViolations(page)).to.deep.equal([]);
        await noSidewaysScroll(page);
        // The code wraps between its groups, never inside one: each line's words are whole groups.
        const lines = await page.evaluate<string[]>(`(() => {
          const text = document.querySelector('.access-code').firstChild;
          const rows = new Map();
          for (let i = 0; i < text.textContent.length; i++) {
            const range = document.createRange();
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            rows.set(top, (rows.get(top) || '') + text.textContent.charAt(i));
          }
          return [...rows.values()];
        })()`);
        expect(lines.length).to.be.within(1, 3);
        for (const line of lines) expect(line.trim(), lines.join('|')).to.match(/^\d{5}( \d{5})*$/);
      }
      // Printed: the reference and the code, where to follow the case, and no forms.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.reference').isVisible()).to.equal(true);
      expect(await page.locator('.access-code').isVisible()).to.equal(true);
      expect(await page.locator('.print-only').isVisible()).to.equal(true);
      expect(await page.locator('form').first().isVisible()).to.equal(false);
      expect(await page.locator('#email').isVisible()).to.equal(false);
      await page.emulateMedia({ media: 'screen' });
      // E-mailing the reference shows the same page again, code included.
      await page.fill('#email', `receipt.e2e.${String(Date.now())}@example.kg`);
      await page.getByRole('button', { name: 'Номерди жөнөтүү' }).click();
      expect(((await page.locator('.access-code').textContent()) ?? '').trim()).to.equal(code);
      expect(await page.locator('[role=status]').first().textContent()).to.include('Номерди');
      if (javaScriptEnabled) expect(await axeViolations(page)).to.deep.equal([]);
    });
  }

  it('the case sign-in asks for digits with the number keyboard, and offers letters for earlier codes', async () => {
    const page = await (await running.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${running.base}/ky/track`);
    expect(await page.locator('#accessCode').getAttribute('inputmode')).to.equal('numeric');
    expect(await axeViolations(page)).to.deep.equal([]);
    await noSidewaysScroll(page);
    await page.getByRole('link', { name: 'Тамгалары бар клавиатураны ачуу' }).click();
    expect(await page.locator('#accessCode').getAttribute('inputmode')).to.equal('text');
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it('the staff login in Russian, an editor’s welcome page and the role approvals page pass axe, at 390 px too', async () => {
    const anonymous = await (await running.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await anonymous.goto(`${running.base}/staff/login?lang=ru`);
    expect(await anonymous.locator('html').getAttribute('lang')).to.equal('ru');
    expect(await anonymous.locator('.header__site').textContent()).to.equal('Служебный раздел «Укук»');
    expect(await axeViolations(anonymous)).to.deep.equal([]);
    await noSidewaysScroll(anonymous);

    const editor = await (await running.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signInThroughPages(editor, running.base, 'editor', 'ky');
    expect(new URL(editor.url()).pathname).to.equal('/staff/welcome');
    expect(await editor.locator('h1').textContent()).to.equal('Кызматтык бөлүмгө кош келиңиз');
    expect(await axeViolations(editor)).to.deep.equal([]);
    await noSidewaysScroll(editor);

    const supervisor = await (await running.browser.newContext()).newPage();
    await signInThroughPages(supervisor, running.base, 'supervisor', 'en');
    await supervisor.goto(`${running.base}/staff/users/requests`);
    expect(await axeViolations(supervisor)).to.deep.equal([]);
  });
});
