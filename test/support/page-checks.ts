/**
 * What browser tests check on every page they visit, and how they sign staff in through the pages themselves.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { newStaffAccount, totpCode } from './staff.ts';

/** WCAG 2.2 AA violations axe finds on the page, one line each (page, rule, elements). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((violation) => `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The page fits its viewport: nothing scrolls sideways. */
export async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate<{ content: number; viewport: number }>(
    '({ content: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth })',
  );
  expect(width.content, page.url()).to.be.at.most(width.viewport);
}

/** A new account of this role, set up and signed in through the pages (password, then TOTP), in the given language. */
export async function signInThroughPages(page: Page, base: string, role: 'editor' | 'supervisor', lang: 'ky' | 'ru' | 'en'): Promise<void> {
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
