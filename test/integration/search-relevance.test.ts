/**
 * Search relevance on the real seeded content: 30 questions per language in a citizen's own words (not the
 * titles' wording), each with the page that answers it (or the few that answer it equally well), which must be
 * among the first three results. The table is test/support/fixtures/search-relevance.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';

type Table = Record<'ky' | 'ru' | 'en', [query: string, expected: string | string[]][]>;
const table = JSON.parse(readFileSync(path.join(import.meta.dirname, '../support/fixtures/search-relevance.json'), 'utf8')) as Table;

/** "faq/slug" is an anchor on the FAQ page; every other kind has a page of its own. */
function expectedHref(lang: string, expected: string): string {
  const [kind, slug] = expected.split('/');
  return kind === 'faq' ? `/${lang}/faq#${slug ?? ''}` : `/${lang}/${expected}`;
}

function resultHrefs(html: string): string[] {
  return [...html.matchAll(/<li class="search-results__item">\s*<h2[^>]*><a href="([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('search relevance (30 citizen questions per language)', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  for (const [lang, rows] of Object.entries(table)) {
    it(`has 30 questions in ${lang}`, () => {
      expect(rows).to.have.length(30);
    });
    for (const [query, expected] of rows) {
      const answers = [expected].flat();
      it(`${lang}: "${query}" → ${answers.join(' or ')} in the top 3`, async () => {
        const html = (await supertest(app).get(`/${lang}/search`).query({ q: query }).expect(200)).text;
        const hrefs = resultHrefs(html);
        const found = answers.map((answer) => expectedHref(lang, answer)).filter((href) => hrefs.slice(0, 3).includes(href));
        expect(found, `results: ${hrefs.slice(0, 5).join(', ')}`).to.not.be.empty;
      });
    }
  }
});
