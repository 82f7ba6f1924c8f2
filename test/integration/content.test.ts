import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Express } from 'express';
import matter from 'gray-matter';
import supertest from 'supertest';
import { LANGUAGES } from '../../src/config.ts';
import { parseContentFile, type ContentSource } from '../../src/features/content/source.ts';
import { readContentDirectory, syncContent } from '../../src/features/content/sync.ts';
import { buildApp } from '../support/app.ts';
import { setCookies } from '../support/browser.ts';
import { ROOT, scratchDatabase, testDatabase } from '../support/database.ts';
import { waitFor } from '../support/wait.ts';

const CONTENT_DIR = path.join(ROOT, 'seeds', 'content');

function files(kind: string): string[] {
  return readdirSync(path.join(CONTENT_DIR, kind)).filter((name) => name.endsWith('.md'));
}

function slugs(kind: string, topic?: string): string[] {
  return [
    ...new Set(
      files(kind)
        .filter((name) => !topic || (matter(readFileSync(path.join(CONTENT_DIR, kind, name), 'utf8')).data as { topic?: string }).topic === topic)
        .map((name) => name.replace(/\.(ky|ru|en)\.md$/, '')),
    ),
  ];
}

const until = (check: () => Promise<boolean>) => waitFor(check, 'the announced change to be served', 10_000);

/** What a reader reads of an item: its body, or for a quiz question or a step of the guide (no body), its question or heading, text and answers. */
function wordsOf(source: ContentSource): string {
  if (source.bodyText) return source.bodyText;
  const extra = source.extra as { options?: Record<string, string>; answers?: Record<string, string>; nextSteps?: Record<string, string> };
  return [source.title, source.summary, ...Object.values(extra.options ?? extra.answers ?? extra.nextSteps ?? {})].join('\n');
}

describe('guidance content', () => {
  describe('the content files', () => {
    it('cover every right, the international standards, nine topic guides, complaints, organisations and an FAQ of 15+', () => {
      expect(slugs('rights', 'law')).to.include.members([
        'right-to-be-informed',
        'right-of-access',
        'right-to-correction',
        'right-to-blocking-and-destruction',
        'consent',
        'complain-to-the-agency',
        'going-to-court',
      ]);
      expect(slugs('rights', 'international')).to.include.members([
        'data-portability',
        'right-to-object',
        'automated-decisions',
        'breach-notification-72-hours',
      ]);
      expect(slugs('rights', 'complaints')).to.include('how-to-complain');
      expect(slugs('guides', 'life')).to.include.members([
        'employment',
        'health',
        'banks-and-credit',
        'telecoms-and-mobile',
        'online-services-and-social-media',
        'cctv-and-video',
        'children-and-schools',
        'marketing-calls-and-sms',
        'my-data-leaked',
      ]);
      expect(slugs('guides', 'organisations')).to.include.members(['register-of-holders', 'answering-requests', 'handling-breaches']);
      expect(slugs('faq').length).to.be.at.least(15);
      expect(slugs('campaigns').length).to.be.at.least(2);
    });

    it('every item exists in ky, ru and en, with a legal basis, a review date and a "what you can do" section', async () => {
      const sources = await readContentDirectory(CONTENT_DIR);
      const byItem = Map.groupBy(sources, (source) => `${source.kind}/${source.slug}`);
      for (const [item, translations] of byItem) {
        expect(translations.map((source) => source.lang).sort(), item).to.deep.equal(['en', 'ky', 'ru']);
        for (const source of translations) {
          // A step of "What can I do?" points to articles; it has no legal basis of its own.
          if (source.kind !== 'help') expect(source.legalBasis.length, `${item} ${source.lang} legal basis`).to.be.greaterThan(2);
          expect(source.lastReviewed, `${item} ${source.lang}`).to.match(/^\d{4}-\d{2}-\d{2}$/);
          // Content is what readers read: never a translation key or an i18next reference left in it.
          expect(wordsOf(source), `${item} ${source.lang}`).not.to.match(/\$t\(|\b(help|quiz|intake)\.[a-z]+\.[a-z]/);
          if (source.kind === 'rights' || source.kind === 'guides') {
            const heading = { en: 'What you can do', ru: 'Что вы можете сделать', ky: 'Эмне кыла аласыз' }[source.lang];
            expect(source.bodyHtml, `${item} ${source.lang} needs a "${heading}" section`).to.include(`<h2>${heading}</h2>`);
          }
        }
      }
    });

    it('Kyrgyz and Russian bodies are real translations: not copies, not mostly Latin script', async () => {
      const sources = await readContentDirectory(CONTENT_DIR);
      const bodies = new Map(sources.map((source) => [`${source.kind}/${source.slug}/${source.lang}`, wordsOf(source)]));
      for (const source of sources.filter((candidate) => candidate.lang !== 'en')) {
        const key = `${source.kind}/${source.slug}`;
        for (const other of LANGUAGES.filter((lang) => lang !== source.lang)) {
          expect(wordsOf(source), `${key} ${source.lang} is identical to ${other}`).not.to.equal(bodies.get(`${key}/${other}`));
        }
        const latin = (wordsOf(source).match(/[A-Za-z]/g) ?? []).length;
        const cyrillic = (wordsOf(source).match(/[\u0400-\u04FF]/g) ?? []).length;
        expect(latin, `${key} ${source.lang} is mostly Latin script`).to.be.lessThan(cyrillic * 0.25);
      }
    });

    it('Kyrgyz texts use Kyrgyz letters, and differ from the Russian ones in wording', async () => {
      const sources = (await readContentDirectory(CONTENT_DIR)).filter((source) => source.lang === 'ky');
      for (const source of sources) expect(wordsOf(source), `${source.kind}/${source.slug}`).to.match(/[өүң]/i);
    });
  });

  describe('the seed', () => {
    it('is idempotent, updates a changed file, and announces the change to every cache', async () => {
      const scratch = await scratchDatabase();
      try {
        const sources = await readContentDirectory(CONTENT_DIR);
        const first = await syncContent(scratch.knex, sources);
        expect(first.changed).to.equal(sources.length);
        const counts = async () => (await scratch.knex('content_translations').count<{ count: number }[]>('* as count'))[0]!.count;
        const total = await counts();
        const again = await syncContent(scratch.knex, sources);
        expect(again.changed).to.equal(0);
        expect(await counts()).to.equal(total);

        const original = sources.find((source) => source.slug === 'right-of-access' && source.lang === 'en')!;
        const edited = parseContentFile(
          'rights',
          'right-of-access.en.md',
          readFileSync(path.join(CONTENT_DIR, 'rights', 'right-of-access.en.md'), 'utf8').replace(/\n## /, '\nA sentence added by an editor.\n\n## '),
        );
        const itemVersion = async () => (await scratch.knex('content_items').where({ kind: 'rights', slug: 'right-of-access' }).first()).version as number;
        const before = await itemVersion();
        const third = await syncContent(scratch.knex, [...sources.filter((source) => source !== original), edited]);
        expect(third.changed).to.equal(1);
        expect(await counts()).to.equal(total);
        // Every published change moves the item's version on by one (the seed publishes one version per translation).
        expect(await itemVersion()).to.equal(before + 1);
      } finally {
        await scratch.drop();
      }
    });
  });

  describe('pages', () => {
    let app: Express;
    before(async () => {
      app = await buildApp();
    });

    const PAGES = [
      '/rights',
      '/rights/right-of-access',
      '/rights/data-portability',
      '/guides/employment',
      '/guides/register-of-holders',
      '/faq',
      '/campaigns',
      '/campaigns/your-data-your-right',
      '/campaigns/your-data-your-right/poster',
      '/campaigns/your-data-your-right/poster/ky-ru',
      '/campaigns/think-before-you-share',
      '/search?q=data',
      '/quiz',
      '/help',
      '/letters/new',
    ];
    for (const page of PAGES) {
      it(`${page} in ky, ru and en, without a session cookie`, async () => {
        for (const lang of LANGUAGES) {
          const response = await supertest(app).get(`/${lang}${page}`).expect(200);
          expect(response.text).to.include(`<html lang="${lang}">`);
          // The two forms (quiz, letter) bind their token to a small cookie of their own; nothing else sets one.
          const expected = page === '/quiz' || page === '/letters/new' ? ['ukuk.form'] : [];
          expect(
            setCookies(response).map((cookie) => cookie.split('=')[0]),
            `${lang}${page}`,
          ).to.deep.equal(expected);
          expect(response.text).not.to.match(/<script>|style=/);
        }
      });
    }

    it('an article keeps one ETag, so a browser revalidating it gets 304 and no body', async () => {
      const first = await supertest(app).get('/ru/rights/right-to-object').expect(200);
      const again = await supertest(app).get('/ru/rights/right-to-object').expect(200);
      expect(first.headers.etag).to.be.a('string').and.equal(again.headers.etag);
      expect(again.text).to.equal(first.text);
      const revalidated = await supertest(app).get('/ru/rights/right-to-object').set('If-None-Match', String(first.headers.etag)).expect(304);
      expect(revalidated.text).to.equal('');
      expect(revalidated.headers['content-security-policy']).to.include("default-src 'self'");
    });

    it('an article: breadcrumbs, legal basis, review date, related items and the same article in the other languages', async () => {
      const html = (await supertest(app).get('/ru/rights/right-of-access').expect(200)).text;
      expect(html).to.include('<nav class="breadcrumbs"');
      expect(html).to.include('href="/ru/rights">Ваши права</a>');
      expect(html).to.include('Правовое основание');
      expect(html).to.match(/Последняя проверка: \d+ \S+ \d{4}/);
      expect(html).to.include('class="related"');
      expect(html).to.include('href="/ky/rights/right-of-access" hreflang="ky"');
      expect(html).to.include('href="/en/rights/right-of-access" hreflang="en"');
    });

    it('international standards are marked as GDPR good practice, not Kyrgyz law', async () => {
      const html = (await supertest(app).get('/en/rights/right-to-object').expect(200)).text;
      expect(html).to.include('International good practice — not Kyrgyz law');
    });

    it('an unknown article is a 404', async () => {
      await supertest(app).get('/en/rights/no-such-right').expect(404);
      await supertest(app).get('/en/rights/..%2F..%2Fetc%2Fpasswd').expect(404);
    });

    it('falls back ky → ru → en for an item missing in a language, and says so', async () => {
      const { knex } = testDatabase();
      const [item] = await knex('content_items').insert({ kind: 'guides', slug: 'only-in-russian', topic: 'life', sort_order: 99 }).returning('id');
      await knex('content_translations').insert({
        item_id: item.id,
        lang: 'ru',
        title: 'Только по-русски',
        summary: 'Кратко.',
        legal_basis: 'Закон № 58',
        last_reviewed: '2026-11-22',
        body_markdown: 'Текст.',
        body_html: '<p>Текст.</p>',
        body_text: 'Текст.',
        source_checksum: 'x',
      });
      await knex.raw("select pg_notify('content_changed', 'test')");
      await until(async () => (await supertest(app).get('/ky/guides/only-in-russian')).status === 200);
      const html = (await supertest(app).get('/ky/guides/only-in-russian').expect(200)).text;
      expect(html).to.include('Бул барак азырынча «Кыргызча» тилинде жок');
      expect(html).to.include('<article class="article" lang="ru">');
      const english = (await supertest(app).get('/en/guides/only-in-russian').expect(200)).text;
      expect(english).to.include('This page is not yet available in English. It is shown in Русский.');
      await knex('content_items').where({ id: item.id }).delete();
      await knex.raw("select pg_notify('content_changed', 'test')");
    });

    it('serves a change to every instance once it is announced (no restart)', async () => {
      const { knex } = testDatabase();
      const other = await buildApp();
      await supertest(other).get('/en/rights/consent').expect(200);
      const row = await knex('content_translations as t')
        .join('content_items as i', 'i.id', 't.item_id')
        .where({ 'i.slug': 'consent', 't.lang': 'en' })
        .first('t.id', 't.title');
      await knex('content_translations').where({ id: row.id }).update({ title: 'Consent (updated)' });
      await knex.raw("select pg_notify('content_changed', 'test')");
      await until(async () => (await supertest(other).get('/en/rights/consent')).text.includes('Consent (updated)'));
      await knex('content_translations').where({ id: row.id }).update({ title: row.title });
      await knex.raw("select pg_notify('content_changed', 'test')");
    });

    it('never prints a script or event handler that was in the Markdown', async () => {
      const { knex } = testDatabase();
      const hostile = parseContentFile(
        'rights',
        'hostile-test.en.md',
        `---
title: Hostile
summary: s
legal_basis: b
last_reviewed: 2026-11-22
topic: law
order: 99
---
<script>alert('xss')</script>

<img src=x onerror="alert(1)">

<a href="javascript:alert(2)">click</a>
`,
      );
      await syncContent(knex, [hostile]);
      await until(async () => (await supertest(app).get('/en/rights/hostile-test')).status === 200);
      const html = (await supertest(app).get('/en/rights/hostile-test').expect(200)).text;
      expect(html).not.to.match(/alert\(|onerror|javascript:/);
      await knex('content_items').where({ slug: 'hostile-test' }).delete();
      await knex.raw("select pg_notify('content_changed', 'test')");
    });
  });
});
