/**
 * The quiz's questions and the "What can I do?" guide's words, edited in the back office through versions and
 * two-person review like every other item: a wrong answer key or an empty label is refused beside its field
 * with the input kept; once a second editor approves, the public quiz and guide show the new words. Texts are
 * changed by adding words, so other tests of this process that read them still find the original ones.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { formOf, saveFromPage, submitAndApprove } from '../support/editor-form.ts';
import { signedInStaff } from '../support/staff.ts';
import { waitFor } from '../support/wait.ts';

async function itemUrl(kind: string, slug: string, lang: string): Promise<string> {
  const item = await testDatabase().knex('content_items').where({ kind, slug }).first<{ id: number }>('id');
  return `/staff/content/${String(item.id)}/${lang}`;
}

describe('the quiz and the "What can I do?" guide in the back office', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('a quiz question: options, the right answer and the explanation are edited, reviewed and shown in the quiz', async () => {
    const author = await signedInStaff(app, 'editor', 'ky');
    const reviewer = await signedInStaff(app, 'editor', 'en');
    const list = await author.agent.get('/staff/content').expect(200);
    expect(list.text).to.include('Тесттин суроолору');
    const url = await itemUrl('quiz', 'q02', 'ky');
    const page = await author.agent.get(url).expect(200);
    expect(page.text).to.include('Кайсы жооп туура?');
    const original = formOf(page.text);
    expect(original['quiz-correct']).to.equal('c');
    expect(original['quiz-option-d']).to.equal('');

    // q02 has three answers: D cannot be the right one, and B cannot be left empty.
    const wrongKey = await saveFromPage(author.agent, url, { 'quiz-correct': 'd' }, 400);
    expect(wrongKey.text).to.include('href="#quiz-correct"');
    const emptyOption = await saveFromPage(author.agent, url, { 'quiz-option-b': '', title: `${original.title ?? ''}?` }, 400);
    expect(emptyOption.text).to.include('href="#quiz-option-b"');
    expect(emptyOption.text).to.include(`${original.title ?? ''}?`);

    const optionA = `${original['quiz-option-a'] ?? ''} (жаңы)`;
    await saveFromPage(author.agent, url, { 'quiz-option-a': optionA, summary: `${original.summary ?? ''} Кошумча түшүндүрмө.` });
    await submitAndApprove(author.agent, reviewer.agent, url);

    const visitor = browser(app);
    const quiz = await waitFor(async () => {
      const html = (await visitor.get('/ky/quiz').expect(200)).text;
      return html.includes('(жаңы)') ? html : undefined;
    }, 'the new answer in the Kyrgyz quiz');
    const answers = Object.fromEntries([...quiz.matchAll(/name="(q\d+)" value="([a-d])"/g)].map((match) => [match[1]!, match[2]!]));
    const result = await visitor
      .post('/ky/quiz')
      .type('form')
      .send({ ...answers, _csrf: csrfTokenFrom(quiz) })
      .expect(200);
    expect(result.text).to.include('Кошумча түшүндүрмө.');
    // The Russian question now "needs update" but is still shown in Russian to Russian readers.
    const ru = (await visitor.get('/ru/quiz').expect(200)).text;
    expect(ru).to.not.include('(жаңы)');
    expect(ru).to.not.include('<div lang="ky">');
    expect(ru).to.not.include('quiz.fallback');
  });

  it('a step of the guide: its answer labels are edited with the body left empty, and shown on the public step', async () => {
    const author = await signedInStaff(app, 'editor', 'ru');
    const reviewer = await signedInStaff(app, 'supervisor', 'ru');
    const url = await itemUrl('help', 'start', 'ru');
    const page = await author.agent.get(url).expect(200);
    // Each answer says where it leads; the body is optional for a step.
    expect(page.text).to.include('Ведёт к шагу «cctv»');
    expect(page.text).to.include('(необязательно)');
    const original = formOf(page.text);
    expect(original.bodyMarkdown).to.equal('');

    const bad = await saveFromPage(author.agent, url, { 'help-option-camera': '   ' }, 400);
    expect(bad.text).to.include('href="#help-option-camera"');

    const label = `${original['help-option-camera'] ?? ''} или ведёт видеосъёмку`;
    await saveFromPage(author.agent, url, { 'help-option-camera': label });
    await submitAndApprove(author.agent, reviewer.agent, url);
    const visitor = browser(app);
    await waitFor(async () => (await visitor.get('/ru/help').expect(200)).text.includes('или ведёт видеосъёмку'), 'the new answer on the Russian guide');
    const step = (await visitor.get('/ru/help').expect(200)).text;
    expect(step).to.match(/<a class="choice-link" href="\/ru\/help\/cctv">[^<]*или ведёт видеосъёмку<\/a>/);

    // An outcome's next steps are edited the same way, and a Markdown body adds to its text.
    const outcomeUrl = await itemUrl('help', 'court', 'ru');
    const outcome = formOf((await author.agent.get(outcomeUrl).expect(200)).text);
    await saveFromPage(author.agent, outcomeUrl, {
      bodyMarkdown: 'Срок подачи иска **ограничен**.',
      'help-action-read-court': `${outcome['help-action-read-court'] ?? ''} подробнее`,
    });
    await submitAndApprove(author.agent, reviewer.agent, outcomeUrl);
    const court = await waitFor(async () => {
      const html = (await visitor.get('/ru/help/court').expect(200)).text;
      return html.includes('<strong>ограничен</strong>') ? html : undefined;
    }, 'the new text of the court outcome');
    expect(court).to.include('подробнее</a>');
  });
});
