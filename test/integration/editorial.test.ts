/**
 * Editing content in the back office, as two editors would in a browser: a draft in Kyrgyz, a second person's
 * approval, the public page changed on two instances (the NOTIFY clears both caches), the Russian translation
 * flagged "needs update" and the Russian page falling back with a notice, an old version restored — and the
 * rules around it: the author cannot approve, roles, CSRF, validation that keeps input, two editors saving at once.
 * Each test works on items of its own, loaded like the seed loads the files.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Express } from 'express';
import { exportContent } from '../../src/features/content/export.ts';
import { readContentDirectory, syncContent } from '../../src/features/content/sync.ts';
import { VERSION_STATUSES } from '../../src/features/content/workflow.ts';
import { parseContentFile, type ContentSource } from '../../src/features/content/source.ts';
import { buildApp } from '../support/app.ts';
import { csrfTokenFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { signedInStaff, staffOfRole } from '../support/staff.ts';
import { waitFor } from '../support/wait.ts';

let counter = 0;

function sources(slug: string, words: Record<'ky' | 'ru' | 'en', string>): ContentSource[] {
  return (['ky', 'ru', 'en'] as const).map((lang) =>
    parseContentFile(
      'guides',
      `${slug}.${lang}.md`,
      `---\ntitle: 'Title ${lang} ${slug}'\nsummary: 'Summary ${lang}'\nlegal_basis: 'Law No. 58'\nlast_reviewed: 2026-12-01\ntopic: life\norder: 99\nrelated: [right-of-access]\n---\n${words[lang]}\n`,
    ),
  );
}

const WORDS = { ky: 'Биринчи кыргызча текст.', ru: 'Первый русский текст.', en: 'First English text.' };

/** A guide of the test's own, in three languages; its id. */
async function newItem(words = WORDS): Promise<{ id: number; slug: string; files: ContentSource[] }> {
  const slug = `editorial-test-${String(process.pid)}-${String(++counter)}`;
  const files = sources(slug, words);
  await syncContent(testDatabase().knex, files);
  const item = await testDatabase().knex('content_items').where({ kind: 'guides', slug }).first();
  return { id: item.id as number, slug, files };
}

function fieldValue(html: string, name: string): string {
  return new RegExp(`name="${name}"[^>]*? value="([^"]*)"`).exec(html)?.[1] ?? '';
}

async function saveDraft(agent: Agent, url: string, fields: Record<string, string>, status = 303) {
  const page = await agent.get(url).expect(200);
  const current = {
    base: fieldValue(page.text, 'base'),
    title: fieldValue(page.text, 'title'),
    summary: 'Summary',
    legalBasis: 'Law No. 58',
    lastReviewed: '2026-12-06',
    related: 'right-of-access',
    changeKind: 'change',
    action: 'save',
  };
  const response = await agent
    .post(url)
    .type('form')
    .send({ ...current, ...fields, _csrf: csrfTokenFrom(page.text) });
  expect(response.status, `${url}: ${/error-summary__list">([\s\S]{0,600})/.exec(response.text)?.[1] ?? response.text.slice(0, 300)}`).to.equal(status);
  return response;
}

async function step(agent: Agent, editUrl: string, number: number, transition: string, fields: Record<string, string> = {}, status = 303) {
  const page = await agent.get(editUrl).expect(200);
  const response = await agent
    .post(`${editUrl}/versions/${String(number)}/${transition}`)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(page.text) });
  expect(response.status, `${transition}: ${response.text.slice(0, 200)}`).to.equal(status);
  return response;
}

describe('editing content in the back office', () => {
  let first: Express;
  let second: Express;
  before(async () => {
    first = await buildApp();
    second = await buildApp();
  });

  it('one editor drafts in Kyrgyz, a second approves, both instances show it, Russian needs an update, an old version is restored', async () => {
    const { id, slug } = await newItem();
    const author = await signedInStaff(first, 'editor', 'ky');
    const reviewer = await signedInStaff(first, 'editor', 'en');
    const editUrl = `/staff/content/${String(id)}/ky`;
    // Both instances have the page in their caches before the change.
    for (const app of [first, second])
      expect((await (await import('supertest')).default(app).get(`/ky/guides/${slug}`).expect(200)).text).to.include('Биринчи');

    await saveDraft(author.agent, editUrl, { bodyMarkdown: 'Экинчи кыргызча текст, жаңы сөз менен.' });
    const saved = await author.agent.get(editUrl).expect(200);
    expect(saved.text).to.include('<html lang="ky"');
    expect(saved.text).to.include('Долбоор');
    await step(author.agent, editUrl, 2, 'submit');
    // The author cannot approve their own version: refused and explained.
    const own = await step(author.agent, editUrl, 2, 'approve', {}, 403);
    expect(own.text).to.include('Өзүңүз жазган версияны беките албайсыз');
    await step(reviewer.agent, editUrl, 2, 'approve');

    const supertest = (await import('supertest')).default;
    for (const app of [first, second]) {
      await waitFor(
        async () => (await supertest(app).get(`/ky/guides/${slug}`)).text.includes('Экинчи кыргызча текст'),
        'the new Kyrgyz text on each instance',
      );
    }
    // Russian and English were made from the old Kyrgyz: flagged, and the Russian page falls back with a notice.
    const list = await reviewer.agent.get('/staff/content').expect(200);
    expect(list.text).to.include('Needs update');
    const ruEdit = await reviewer.agent.get(`/staff/content/${String(id)}/ru`).expect(200);
    expect(ruEdit.text).to.include('Needs update');
    expect(ruEdit.text).to.match(/<ins>[^<]*Экинчи/);
    const ruPage = await supertest(first).get(`/ru/guides/${slug}`).expect(200);
    expect(ruPage.text).to.include('Экинчи кыргызча текст');
    expect(ruPage.text).to.include('пересматривается');

    // The history compares the versions word by word, and restores the first one as a new draft.
    const history = await author.agent.get(`${editUrl}/history?from=1&to=2`).expect(200);
    expect(history.text).to.match(/<del>[^<]*Биринчи/);
    await step(author.agent, `${editUrl}/history`.replace('/history', ''), 1, 'restore');
    const restored = await testDatabase().knex('content_versions').where({ item_id: id, lang: 'ky' }).orderBy('number', 'desc').first();
    expect(restored).to.include({ number: 3, status: 'draft', body_markdown: WORDS.ky, author_id: author.staff.id });
    const events = await testDatabase()
      .knex('audit_events')
      .where({ entity_type: 'content', entity_id: String(id) })
      .pluck('action');
    expect(events).to.include.members(['content.draft_saved', 'content.submitted', 'content.approved', 'content.published', 'content.restored']);
  });

  it('keeps input and explains errors; refuses a post without its CSRF token, and roles that may not edit', async () => {
    const { id } = await newItem();
    const { agent } = await staffOfRole(first, 'editor', 'ru');
    const url = `/staff/content/${String(id)}/en`;
    const bad = await saveDraft(agent, url, { title: '', bodyMarkdown: 'x'.repeat(50_001), lastReviewed: '2026-02-30' }, 400);
    expect(bad.text).to.include('error-summary');
    expect(bad.text).to.include('Введите заголовок');
    expect(bad.text).to.include('Текст слишком длинный');
    expect(bad.text).to.include('2026-02-30');
    const unknown = await saveDraft(agent, url, { related: 'no-such-guide', bodyMarkdown: 'Text' }, 400);
    expect(unknown.text).to.include('no-such-guide');
    await agent.post(url).type('form').send({ title: 'T', bodyMarkdown: 'Text', action: 'save' }).expect(403);
    const { agent: supervisor } = await staffOfRole(first, 'supervisor');
    await supervisor.get(url).expect(200);
    await saveDraft(supervisor, url, { bodyMarkdown: 'Supervisors review, they do not write.' }, 403);
    const { agent: officer } = await staffOfRole(first, 'case_officer');
    await officer.get(url).expect(403);
    expect(await testDatabase().knex('content_versions').where({ item_id: id }).count<{ count: string }[]>('* as count')).to.deep.equal([{ count: 3 }]);
  });

  it('previews through the public renderer and says what it removed', async () => {
    const { id } = await newItem();
    const { agent } = await staffOfRole(first, 'editor');
    const response = await saveDraft(
      agent,
      `/staff/content/${String(id)}/en`,
      { bodyMarkdown: '## Heading\n\nHello <script>alert(1)</script> **world**', action: 'preview' },
      200,
    );
    expect(response.text).to.include('<h2>Heading</h2>');
    expect(response.text).to.include('<strong>world</strong>');
    expect(response.text).not.to.include('<script>alert');
    expect(response.text).to.include('HTML in the text');
    expect(await testDatabase().knex('content_versions').where({ item_id: id }).count<{ count: string }[]>('* as count')).to.deep.equal([{ count: 3 }]);
  });

  it('two editors saving the same translation: the second gets a conflict with both versions, and nothing is lost', async () => {
    const { id } = await newItem();
    const one = await staffOfRole(first, 'editor');
    const two = await signedInStaff(second, 'editor');
    const url = `/staff/content/${String(id)}/en`;
    const pageOne = await one.agent.get(url).expect(200);
    const pageTwo = await two.agent.get(url).expect(200);
    const form = { title: 'T', summary: 'S', legalBasis: 'L', lastReviewed: '2026-12-06', related: '', changeKind: 'change', action: 'save', base: '1' };
    await one.agent
      .post(url)
      .type('form')
      .send({ ...form, bodyMarkdown: 'Text of editor one.', _csrf: csrfTokenFrom(pageOne.text) })
      .expect(303);
    const conflict = await two.agent
      .post(url)
      .type('form')
      .send({ ...form, bodyMarkdown: 'Text of editor two.', _csrf: csrfTokenFrom(pageTwo.text) })
      .expect(409);
    expect(conflict.text).to.include('Someone else saved version 2');
    expect(conflict.text).to.include('Text of editor one.');
    expect(conflict.text).to.include('Text of editor two.');
    expect(fieldValue(conflict.text, 'base')).to.equal('2');
    await two.agent
      .post(url)
      .type('form')
      .send({ ...form, base: '2', bodyMarkdown: 'Text of editor two.', _csrf: csrfTokenFrom(conflict.text) })
      .expect(303);
    const bodies = await testDatabase().knex('content_versions').where({ item_id: id, lang: 'en' }).orderBy('number').pluck('body_markdown');
    expect(bodies).to.deep.equal([WORDS.en, 'Text of editor one.', 'Text of editor two.']);
  });

  it('publishes at the chosen time, and every new page speaks ky, ru and en', async () => {
    const { id, slug } = await newItem();
    const author = await staffOfRole(first, 'editor', 'ky');
    const reviewer = await staffOfRole(first, 'supervisor', 'ru');
    const url = `/staff/content/${String(id)}/en`;
    await saveDraft(author.agent, url, { bodyMarkdown: 'Scheduled words.' });
    await step(author.agent, url, 2, 'submit');
    const bad = await step(reviewer.agent, url, 2, 'approve', { publishAt: 'tomorrow' }, 400);
    expect(bad.text).to.include('Введите дату и время публикации');
    await step(reviewer.agent, url, 2, 'approve', { publishAt: '2099-01-01T09:00' });
    const version = await testDatabase().knex('content_versions').where({ item_id: id, lang: 'en', number: 2 }).first();
    expect(version.status).to.equal('scheduled');
    expect(new Date(version.publish_at).toISOString()).to.equal('2099-01-01T03:00:00.000Z');
    const { publishDue } = await import('../../src/features/content/review.ts');
    await testDatabase().knex.transaction((trx) => publishDue(trx, new Date('2099-01-01T03:00:01Z')));
    const supertest = (await import('supertest')).default;
    await waitFor(async () => (await supertest(first).get(`/en/guides/${slug}`)).text.includes('Scheduled words.'), 'the scheduled text published');

    for (const lang of ['ky', 'ru', 'en'] as const) {
      const { agent } = await staffOfRole(first, 'editor', lang);
      for (const page of ['/staff/content', '/staff/content/new', url, `${url}/history`]) {
        const response = await agent.get(page).expect(200);
        expect(response.text, `${lang} ${page}`).to.include(`<html lang="${lang}"`);
        expect(response.text, `${lang} ${page}`).not.to.match(/editorial\.[a-z]/);
      }
    }
  });

  it('a seed run never overwrites a translation edited in the back office, and reports it', async () => {
    const { id, files } = await newItem();
    const { agent } = await staffOfRole(first, 'editor');
    await saveDraft(agent, `/staff/content/${String(id)}/en`, { bodyMarkdown: 'Edited in the back office.' });
    const knex = testDatabase().knex;
    const again = await syncContent(knex, files);
    expect(again.conflicts).to.deep.equal([]);
    const slug = files[0]!.slug;
    const changed = sources(slug, { ...WORDS, en: 'A new file text.', ru: 'Новый текст файла.' });
    const summary = await syncContent(knex, changed);
    expect(summary.conflicts).to.deep.equal([`guides/${slug}.en`]);
    expect(summary.changed).to.equal(1);
    const latest = await knex('content_versions').where({ item_id: id, lang: 'en' }).orderBy('number', 'desc').first();
    expect(latest.body_markdown).to.equal('Edited in the back office.');
    const ru = await knex('content_translations').where({ item_id: id, lang: 'ru' }).first();
    expect(ru.body_markdown).to.equal('Новый текст файла.');
    // Related items an editor changed stay the editor's, whatever the files say.
    await knex('content_items')
      .where({ id })
      .update({ related: ['how-to-complain'] });
    await syncContent(knex, changed);
    expect((await knex('content_items').where({ id }).first()).related).to.deep.equal(['how-to-complain']);
  });
});

describe('content:export', () => {
  it('writes the published content back as files that the seed then reads as unchanged', async () => {
    const app = await buildApp();
    const { id, slug } = await newItem();
    const author = await staffOfRole(app, 'editor');
    const reviewer = await staffOfRole(app, 'supervisor');
    const url = `/staff/content/${String(id)}/ru`;
    await saveDraft(author.agent, url, { title: 'Новый заголовок: с двоеточием', bodyMarkdown: '## Раздел\n\nТекст, изменённый редактором.' });
    await step(author.agent, url, 2, 'submit');
    await step(reviewer.agent, url, 2, 'approve');
    const knex = testDatabase().knex;
    const dir = await mkdtemp(path.join(tmpdir(), 'ukuk-export-'));
    try {
      expect(await exportContent(knex, dir)).to.be.greaterThan(100);
      const file = await readFile(path.join(dir, 'guides', `${slug}.ru.md`), 'utf8');
      expect(file).to.include('Текст, изменённый редактором.');
      const files = await readContentDirectory(dir);
      const summary = await syncContent(knex, files);
      expect(summary).to.deep.include({ changed: 0, conflicts: [] });
      // Exported once more, the files are the same: the round trip is stable.
      const again = await mkdtemp(path.join(tmpdir(), 'ukuk-export-'));
      await exportContent(knex, again);
      expect(await readFile(path.join(again, 'guides', `${slug}.ru.md`), 'utf8')).to.equal(file);
      await rm(again, { recursive: true, force: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('content version statuses in the database', () => {
  it('allows every status of workflow.ts in content_versions.status, and no other', async () => {
    const result = await testDatabase().knex.raw<{ rows: { definition: string }[] }>(
      `select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'content_versions_status_check'`,
    );
    const allowed = [...(result.rows[0]?.definition ?? '').matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
    expect([...allowed].sort()).to.deep.equal([...VERSION_STATUSES].sort());
  });
});

describe('a new item from the back office', () => {
  it('checks the address (format, uniqueness) and where it goes, keeps the input, and starts a draft', async () => {
    const app = await buildApp();
    const { agent } = await staffOfRole(app, 'editor');
    const page = await agent.get('/staff/content/new').expect(200);
    const form = {
      placement: 'guides/life',
      lang: 'ru',
      title: 'Медицинские карты',
      summary: 'Кратко',
      legalBasis: 'Закон № 58',
      lastReviewed: '2026-12-06',
      bodyMarkdown: 'Текст.',
    };
    const bad = await agent
      .post('/staff/content/new')
      .type('form')
      .send({ ...form, slug: 'Bad Slug', placement: 'guides/nowhere', _csrf: csrfTokenFrom(page.text) })
      .expect(400);
    expect(bad.text).to.include('Enter an address of small Latin letters');
    expect(bad.text).to.include('Choose where the item goes');
    expect(bad.text).to.include('Медицинские карты');
    const taken = await agent
      .post('/staff/content/new')
      .type('form')
      .send({ ...form, slug: 'health', _csrf: csrfTokenFrom(page.text) })
      .expect(400);
    expect(taken.text).to.include('already used by another item');
    const slug = `new-item-${String(process.pid)}`;
    const created = await agent
      .post('/staff/content/new')
      .type('form')
      .send({ ...form, slug, _csrf: csrfTokenFrom(page.text) })
      .expect(303);
    expect(created.headers.location).to.match(/^\/staff\/content\/\d+\/ru\?saved=1$/);
    const item = await testDatabase().knex('content_items').where({ kind: 'guides', slug }).first();
    expect(item.topic).to.equal('life');
    const version = await testDatabase().knex('content_versions').where({ item_id: item.id }).first();
    expect(version).to.include({ lang: 'ru', number: 1, status: 'draft', title: 'Медицинские карты' });
    // Not on the public pages until approved.
    await (await import('supertest')).default(app).get(`/ru/guides/${slug}`).expect(404);
  });
});

describe('a campaign in the back office', () => {
  it('edits the poster and the texts to share, with the file rules (one SMS each), keeping input on error', async () => {
    const app = await buildApp();
    const { agent } = await staffOfRole(app, 'editor');
    const item = await testDatabase().knex('content_items').where({ kind: 'campaigns', slug: 'your-data-your-right' }).first();
    const url = `/staff/content/${String(item.id)}/en`;
    const page = await agent.get(url).expect(200);
    expect(page.text).to.include('name="posterTitle"');
    expect(page.text).to.include('Your data belongs to you');
    const form = {
      base: fieldValue(page.text, 'base'),
      title: 'Your data, your right',
      summary: 'S',
      legalBasis: 'L',
      lastReviewed: '2026-12-06',
      related: '',
      changeKind: 'change',
      action: 'save',
      bodyMarkdown: 'Body.',
      periodStart: '2026-09-01',
      periodEnd: '2026-12-31',
      audience: 'Everyone',
      message: 'Your data is yours.',
      hashtag: '#МаалыматымМенинУкугум',
      posterTitle: 'A new poster title',
      posterPoints: 'One point\nAnother point',
      posterCallToAction: 'Read your rights.',
      socialPosts: 'A post\nAnother post',
      smsTexts: 'Ж'.repeat(71),
      messengerTexts: '',
      keyMessages: 'A key message',
      // The page sends back the calls to action it shows (they are fields of the form too).
      actions: 'Ask what they hold | /en/letters/new?type=access',
      questionsAndAnswers: '',
    };
    const bad = await agent
      .post(url)
      .type('form')
      .send({ ...form, _csrf: csrfTokenFrom(page.text) })
      .expect(400);
    expect(bad.text).to.include('href="#smsTexts"');
    expect(bad.text).to.include('A new poster title');
    await agent
      .post(url)
      .type('form')
      .send({ ...form, smsTexts: 'Short enough.', _csrf: csrfTokenFrom(bad.text) })
      .expect(303);
    const version = await testDatabase().knex('content_versions').where({ item_id: item.id, lang: 'en', status: 'draft' }).orderBy('number', 'desc').first();
    expect(version.extra).to.deep.include({ posterTitle: 'A new poster title', posterPoints: ['One point', 'Another point'], smsTexts: ['Short enough.'] });
    expect(version.extra.actions).to.have.length.greaterThan(0);
  });
});
