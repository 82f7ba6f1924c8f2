/**
 * The view engine as production runs it (templates and partials compiled once) and as development runs it (read
 * again for every page): the same page either way, in its layout or without one.
 */
import path from 'node:path';
import { expect } from 'chai';
import express from 'express';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { configureViews } from '../../src/http/views.ts';

const fixture = path.join(import.meta.dirname, '..', 'support', 'fixtures', 'fields.hbs');

function render(app: express.Express, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    app.render(fixture, locals, (error: Error | null, html: string) => (error ? reject(error) : resolve(html)));
  });
}

describe('view engine, with and without the template cache', () => {
  const t = createTranslator({ strict: true }).forLanguage('ky');
  const locals = (layout: string | false, officer: string) => ({
    layout,
    lang: 'ky',
    t,
    title: 'Форма',
    assetVersion: 'test',
    languageLinks: [{ code: 'ru', name: 'Русский', href: '/ru/', current: false }],
    authority: {
      name: { ky: 'Агенттик', ru: 'Агентство', en: 'Agency' },
      address: { ky: 'Бишкек', ru: 'Бишкек', en: 'Bishkek' },
      email: 'info@example.kg',
      phone: '+996 312 000 000',
    },
    values: { fullName: 'Айгүл <Т.>', officer },
    officerItems: [
      { value: 1, label: 'Бакыт' },
      { value: 2, label: 'Айгүл' },
    ],
  });

  for (const layout of ['main', false] as const) {
    it(`prints the same page either way (${layout ? 'in the main layout' : 'without a layout'}), and each page its own values`, async () => {
      const cached = express();
      configureViews(cached, { cache: true });
      const uncached = express();
      configureViews(uncached, { cache: false });
      const first = await render(cached, locals(layout, '1'));
      expect(first).to.equal(await render(uncached, locals(layout, '1')));
      expect(first).to.include('value="Айгүл &lt;Т.&gt;"');
      expect(first).to.include('<option value="1" selected>Бакыт</option>');
      // The cached templates serve the next page with its own values.
      const second = await render(cached, locals(layout, '2'));
      expect(second).to.include('<option value="2" selected>Айгүл</option>');
      expect(second).not.to.include('<option value="1" selected>');
      if (layout) expect(first).to.match(/^<!DOCTYPE html>\n<html lang="ky">[\s\S]*<main id="main"[\s\S]*Айгүл &lt;Т.&gt;[\s\S]*<\/html>$/);
      else expect(first).not.to.include('<html');
    });
  }
});
