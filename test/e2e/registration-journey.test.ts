/**
 * The register in Chromium, as its people use it: a holder applies in Kyrgyz on a phone (390 px); a supervisor
 * returns the application for changes; the holder signs in and answers with the change; the supervisor registers
 * it; the public register finds and shows it; a complaint picks it from the register on its organisation step.
 * Then the holder asks, from the same sign-in, to remove the entry; the supervisor approves; the public page says
 * the organisation ceased. Every new page is checked with axe, and the phone's pages for sideways scrolling.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { useBrowserTest } from '../support/chromium.ts';
import { testDatabase } from '../support/database.ts';
import { axeViolations, noSidewaysScroll, signInThroughPages } from '../support/page-checks.ts';

/** A structurally valid ИНН of a legal entity for this run (a registration date in 2012, a tail from the clock). */
function innOf(seed: number): string {
  return `0${String((seed % 28) + 1).padStart(2, '0')}0${String((seed % 9) + 1)}2012${String(seed).padStart(5, '0').slice(-5)}`;
}

async function checked(page: Page): Promise<void> {
  expect(await axeViolations(page)).to.deep.equal([]);
}

/** A phone page: no violations, nothing scrolls sideways. */
async function checkedPhone(page: Page): Promise<void> {
  await checked(page);
  await noSidewaysScroll(page);
}

async function submit(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
}

const ARRAY: Record<string, string> = {
  '#purposes': 'Кардарларды тейлөө',
  '#methods': 'Автоматташтырылган',
  '#legalBasis': 'Келишим',
  '#dataCategories': 'Аты-жөнү, телефон',
  '#subjectCategories': 'Кардарлар',
  '#sources': 'Кардарлардын өздөрү',
  '#subjectsInformed': 'Сайттагы купуялуулук саясаты',
  '#retention': '5 жыл',
  '#recipients': 'Жок',
  '#securityMeasures': 'Ролдор боюнча кирүү',
};

/** The application in Kyrgyz, from the register's "apply" link to its receipt: the reference and code shown. */
async function apply(phone: Page, base: string, inn: string, word: string): Promise<{ reference: string; code: string }> {
  await phone.goto(`${base}/ky/register/apply`);
  await checkedPhone(phone);
  await phone.locator('main a.button--start').click();
  await phone.fill('#inn', `${inn.slice(0, 4)} ${inn.slice(4)}`);
  await phone.fill('#nameKy', `«${word}» ЖЧК`);
  await phone.fill('#nameRu', `ОсОО «${word}»`);
  await phone.check('input[name=sector][value=retail]');
  await phone.check('input[name=region][value=osh_city]');
  await phone.fill('#address', 'Ош ш., Ленин к., 1');
  await checkedPhone(phone);
  await submit(phone, 'Улантуу');
  await phone.fill('#responsiblePerson', 'Айгүл Асанова');
  await phone.fill('#contactEmail', `dpo.${inn}@example.kg`);
  await submit(phone, 'Улантуу');
  await phone.fill('#name', 'Кардарлар');
  for (const [field, value] of Object.entries(ARRAY)) await phone.fill(field, value);
  await phone.check('input[name=anotherArray][value=no]');
  await checkedPhone(phone);
  await submit(phone, 'Улантуу');
  await phone.check('input[name=accurate][value=yes]');
  await phone.check('input[name=authorised][value=yes]');
  await submit(phone, 'Улантуу');
  await checkedPhone(phone);
  await submit(phone, 'Жөнөтүү');
  await checkedPhone(phone);
  const reference = (await phone.locator('.reference').textContent())?.trim() ?? '';
  const code = (await phone.locator('.access-code').textContent())?.trim() ?? '';
  expect(reference).to.match(/^PDP-\d{4}-\d{6}$/);
  return { reference, code };
}

/** A supervisor's transition on a case page, with its fields filled. */
async function transition(officer: Page, base: string, reference: string, button: string, fields: Record<string, string> = {}): Promise<void> {
  await officer.goto(`${base}/staff/cases/${reference}`);
  for (const [field, value] of Object.entries(fields)) await officer.fill(field, value);
  await submit(officer, button);
  expect(await officer.content()).to.include('notice--info');
}

describe('the register journey in a browser', function () {
  this.timeout(240_000);
  const running = useBrowserTest();

  it('apply in Kyrgyz, returned, answered, registered, found, picked by a complaint; then removed at the holder’s request', async () => {
    const base = running.base;
    const word = `Базар${Date.now().toString(36)}`;
    const inn = innOf(Date.now() % 100_000);
    const context = { javaScriptEnabled: true, locale: 'ky-KG', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const phone = await (await running.browser.newContext(context)).newPage();
    phone.setDefaultTimeout(15_000);
    const application = await apply(phone, base, inn, word);

    const officer = await (await running.browser.newContext({ javaScriptEnabled: true, locale: 'en-GB' })).newPage();
    officer.setDefaultTimeout(15_000);
    await signInThroughPages(officer, base, 'supervisor', 'en');
    await transition(officer, base, application.reference, 'Start the review');
    await transition(officer, base, application.reference, 'Return the application', {
      '#return_for_changes-message': 'Маалыматтарды сактоо мөөнөтүн тактаңыз.',
    });

    // The holder signs in with the reference and code, reads the request and answers with the change.
    await phone.goto(`${base}/ky/track`);
    await phone.fill('#reference', application.reference);
    await phone.fill('#accessCode', application.code);
    await submit(phone, 'Кирүү');
    expect(await phone.content()).to.include('Маалыматтарды сактоо мөөнөтүн тактаңыз.');
    await checkedPhone(phone);
    await phone.fill('#body', 'Сактоо мөөнөтү — 5 жыл, андан кийин жок кылынат.');
    await submit(phone, 'Жөнөтүү');
    const { knex } = testDatabase();
    expect((await knex('cases').where({ reference: application.reference }).first('status')).status).to.equal('in_review');

    await transition(officer, base, application.reference, 'Register and publish');
    const { registration_number: number } = await knex('organisations').where({ inn }).first('registration_number');

    // The public register finds it by name and shows its entry.
    await phone.goto(`${base}/ky/register?q=${encodeURIComponent(word)}`);
    await phone.getByRole('link', { name: `«${word}» ЖЧК` }).click();
    await phone.waitForURL(`${base}/ky/register/${String(number)}`);
    expect(await phone.content())
      .to.include('Кардарлар')
      .and.include(`dpo.${inn}@example.kg`);
    await checkedPhone(phone);

    // A complaint picks it from the register on its organisation step (suggestions as one types).
    const citizen = await (await running.browser.newContext(context)).newPage();
    citizen.setDefaultTimeout(15_000);
    await citizen.goto(`${base}/ky/complaints/new/about-you`);
    await citizen.fill('main [name="fullName"]', 'Нурлан Асанов');
    await citizen.fill('main [name="email"]', `citizen.${inn}@example.kg`);
    await Promise.all([citizen.waitForURL(/organisation$/), citizen.getByRole('button', { name: 'Улантуу', exact: true }).click()]);
    await citizen.locator('#organisationName').pressSequentially(word.slice(0, 8));
    await citizen.locator('[role="option"]', { hasText: `«${word}» ЖЧК` }).click();
    expect(await citizen.locator('input[name="organisationNumber"]').inputValue()).to.equal(number);
    await citizen.check('main [name="sector"][value="retail"]');
    await checkedPhone(citizen);
    await Promise.all([citizen.waitForURL(/what-happened$/), citizen.getByRole('button', { name: 'Улантуу', exact: true }).click()]);

    // The holder, still signed in, asks to remove the entry; a first try without answers is refused beside each field.
    await phone.goto(`${base}/ky/track/case`);
    await checkedPhone(phone);
    await phone.getByRole('link', { name: 'Чыгаруу тууралуу арыз берүү' }).click();
    await checkedPhone(phone);
    await submit(phone, 'Арызды жөнөтүү');
    expect(await phone.title()).to.match(/^Ката: /);
    expect(await phone.locator('.error-summary').textContent()).to.include('Жазууну эмне үчүн чыгаруу керек экенин тандаңыз');
    await checkedPhone(phone);
    await phone.check('input[name=reason][value=stopped]');
    await phone.fill('#stoppedOn', '30');
    await phone.fill('#stoppedOn-month', '11');
    await phone.fill('#stoppedOn-year', '2026');
    await phone.check('input[name=declaration][value=yes]');
    await submit(phone, 'Арызды жөнөтүү');
    expect(await phone.content()).to.include('Жазууну чыгаруу тууралуу арызыңыз жөнөтүлдү');
    await checkedPhone(phone);
    const request = (await phone.locator('.reference').textContent())?.trim() ?? '';

    // Staff see what the request concerns, and approve it.
    await officer.goto(`${base}/staff/cases/${request}`);
    expect(await officer.content())
      .to.include('Deregistration request')
      .and.include(`removes entry No. ${String(number)}`);
    await checked(officer);
    await transition(officer, base, request, 'Start the review');
    await transition(officer, base, request, 'Approve and mark ceased');

    // The public page says the organisation ceased, on the day the holder gave (read by another reader: the holder's
    // browser may keep the page it read for a minute, as the entry page allows).
    const reader = await (await running.browser.newContext(context)).newPage();
    await reader.goto(`${base}/ky/register/${String(number)}`);
    expect(await reader.locator('main .notice--warning').textContent())
      .to.include('жеке маалыматтарды иштетүүнү токтоткон')
      .and.include('2026');
    await checkedPhone(reader);

    // The queue grouped by organisation lists the entry with its two cases.
    await officer.goto(`${base}/staff/cases?view=organisations&status=all&q=${encodeURIComponent(word)}`);
    const row = officer.locator('tbody tr', { hasText: String(number) });
    expect(await row.locator('td').allTextContents()).to.deep.equal([String(number), '2', '0']);
    await checked(officer);
  });
});
