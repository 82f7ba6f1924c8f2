/**
 * A campaign's calls to action and its media kit's questions and answers, edited in the back office through the
 * same versions and two-person review as its other texts: a bad link is refused beside the field with the input
 * kept; once a second editor approves, the public campaign page shows the new buttons and answers, in English
 * and in Russian. Works on a campaign of its own, loaded from a copy of a seed file like the seed loads it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { notifyContentChanged } from '../../src/features/content/repository.ts';
import { syncContent } from '../../src/features/content/sync.ts';
import { parseContentFile } from '../../src/features/content/source.ts';
import { buildApp } from '../support/app.ts';
import type { Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { saveFromPage, submitAndApprove } from '../support/editor-form.ts';
import { signedInStaff } from '../support/staff.ts';
import { waitFor } from '../support/wait.ts';

const SEED = path.join(import.meta.dirname, '../../seeds/content/campaigns');

/** A copy of "your data, your right" under a slug of the test's own; its id. */
async function newCampaign(): Promise<{ id: number; slug: string }> {
  const slug = `campaign-test-${String(process.pid)}`;
  const files = await Promise.all(
    (['ky', 'ru', 'en'] as const).map(async (lang) =>
      parseContentFile('campaigns', `${slug}.${lang}.md`, await readFile(path.join(SEED, `your-data-your-right.${lang}.md`), 'utf8')),
    ),
  );
  await syncContent(testDatabase().knex, files);
  const item = await testDatabase().knex('content_items').where({ kind: 'campaigns', slug }).first();
  return { id: item.id as number, slug };
}

async function editAndPublish(author: Agent, reviewer: Agent, url: string, fields: Record<string, string>): Promise<void> {
  const bad = await saveFromPage(author, url, { ...fields, actions: `${fields.actions ?? ''}\nNowhere | https://example.com/` }, 400);
  expect(bad.text).to.include('href="#actions"');
  expect(bad.text).to.include('Nowhere | https://example.com/');
  await saveFromPage(author, url, fields);
  await submitAndApprove(author, reviewer, url);
}

describe('a campaign’s calls to action and questions and answers in the back office', () => {
  let app: Express;
  let slug = '';
  before(async () => {
    app = await buildApp();
  });
  // Other files of this process list campaigns and search them: the copy must not outlive the test.
  after(async () => {
    await testDatabase().knex.transaction(async (trx) => {
      await trx('content_items').where({ kind: 'campaigns', slug }).delete();
      await notifyContentChanged(trx);
    });
  });

  it('are edited, reviewed by a second editor and shown on the public page, in English and in Russian', async () => {
    const created = await newCampaign();
    const id = created.id;
    slug = created.slug;
    const author = await signedInStaff(app, 'editor', 'en');
    const reviewer = await signedInStaff(app, 'editor', 'en');
    const before = await supertest(app).get(`/en/campaigns/${slug}`).expect(200);
    expect(before.text).not.to.include('Test your knowledge now');

    await editAndPublish(author.agent, reviewer.agent, `/staff/content/${String(id)}/en`, {
      actions: 'Test your knowledge now | /en/quiz\nWrite to an organisation | /en/letters/new?type=access',
      questionsAndAnswers: 'Who runs the campaign?\nThe Agency, with schools and libraries.\n\nIs it free?\nYes, every material\nis free to print.',
    });
    const en = await waitFor(async () => {
      const page = await supertest(app).get(`/en/campaigns/${slug}`);
      return page.text.includes('Test your knowledge now') ? page.text : undefined;
    }, 'the new calls to action on the English page');
    expect(en).to.include('href="/en/quiz"');
    expect(en).to.include('href="/en/letters/new?type&#x3D;access"');
    expect(en).to.include('Who runs the campaign?');
    expect(en).to.include('Yes, every material is free to print.');

    await editAndPublish(author.agent, reviewer.agent, `/staff/content/${String(id)}/ru`, {
      actions: 'Пройдите тест сейчас | /ru/quiz',
      questionsAndAnswers: 'Кто проводит кампанию?\nАгентство вместе со школами.',
    });
    const ru = await waitFor(async () => {
      const page = await supertest(app).get(`/ru/campaigns/${slug}`);
      return page.text.includes('Пройдите тест сейчас') ? page.text : undefined;
    }, 'the new calls to action on the Russian page');
    expect(ru).to.include('Кто проводит кампанию?');
    const version = await testDatabase().knex('content_versions').where({ item_id: id, lang: 'ru', status: 'published' }).first();
    expect(version.extra).to.deep.include({
      actions: [{ label: 'Пройдите тест сейчас', href: '/ru/quiz' }],
      questionsAndAnswers: [{ question: 'Кто проводит кампанию?', answer: 'Агентство вместе со школами.' }],
    });
  });
});
