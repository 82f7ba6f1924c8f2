import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { OUTCOMES } from '../../src/features/help/tree.ts';
import { addDays, bishkekToday, formatLongDate } from '../../src/lib/dates.ts';
import { buildApp, TEST_LOG_FILE } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';

describe('quiz', () => {
  let app: Express;
  // A browser: the form page's token is valid only with the cookie that page set.
  let agent: Agent;
  before(async () => {
    app = await buildApp();
    agent = browser(app);
  });

  async function questionIds(lang: string): Promise<{ token: string; answers: Record<string, string[]> }> {
    const html = (await agent.get(`/${lang}/quiz`).expect(200)).text;
    const answers: Record<string, string[]> = {};
    for (const match of html.matchAll(/type="radio" id="[^"]+" name="(q\d+)" value="([a-d])"/g)) (answers[match[1]!] ??= []).push(match[2]!);
    return { token: csrfTokenFrom(html), answers };
  }

  it('has at least 12 questions in every language, works without a session, and marks the answers', async () => {
    for (const lang of ['ky', 'ru', 'en']) expect(Object.keys((await questionIds(lang)).answers).length, lang).to.be.at.least(12);
    const { token, answers } = await questionIds('en');
    const chosen = Object.fromEntries(Object.entries(answers).map(([id, options]) => [id, options[0]!]));
    const response = await agent
      .post('/en/quiz')
      .type('form')
      .send({ ...chosen, _csrf: token })
      .expect(200);
    expect(response.text).to.match(/You answered \d+ of \d+ questions correctly/);
    expect(response.text).to.include('Read more about this');
    expect(setCookies(response).filter((cookie) => cookie.includes('ukuk.sid'))).to.deep.equal([]);
  });

  it('scores all right answers as a full score', async () => {
    const { token, answers } = await questionIds('ru');
    // The questions are content: the right answers are those the published Russian versions name.
    const { knex } = testDatabase();
    const rows = await knex('content_versions as v')
      .join('content_items as i', 'i.id', 'v.item_id')
      .where({ 'i.kind': 'quiz', 'v.lang': 'ru', 'v.status': 'published' })
      .select<{ slug: string; correct: string }[]>('i.slug', knex.raw("v.extra->>'correct' as correct"));
    const correct = Object.fromEntries(rows.map((row) => [row.slug, row.correct]));
    expect(Object.keys(correct)).to.have.members(Object.keys(answers));
    const html = (
      await agent
        .post('/ru/quiz')
        .type('form')
        .send({ ...correct, _csrf: token })
        .expect(200)
    ).text;
    expect(html).to.include(`${rows.length} из ${rows.length}`);
  });

  it('counts answers anonymously for the Agency', async () => {
    const { knex } = testDatabase();
    const { token, answers } = await questionIds('ky');
    const before = await knex('quiz_answer_counts').where({ question_id: 'q01', option_id: 'a', lang: 'ky' }).first();
    await agent
      .post('/ky/quiz')
      .type('form')
      .send({ ...Object.fromEntries(Object.keys(answers).map((id) => [id, 'a'])), _csrf: token })
      .expect(200);
    const after = await knex('quiz_answer_counts').where({ question_id: 'q01', option_id: 'a', lang: 'ky' }).first();
    expect(after.answers - (before?.answers ?? 0)).to.equal(1);
    expect(Object.keys(after)).to.have.members(['question_id', 'option_id', 'lang', 'answers']);
  });

  it('an unanswered question: 400, error summary, the other answers kept, nothing counted', async () => {
    const { knex } = testDatabase();
    const { token, answers } = await questionIds('en');
    const total = async () => (await knex('quiz_answer_counts').sum<{ sum: number }[]>('answers as sum'))[0]!.sum;
    const before = await total();
    const partial = Object.fromEntries(
      Object.entries(answers)
        .slice(1)
        .map(([id, options]) => [id, options[1]!]),
    );
    const response = await agent
      .post('/en/quiz')
      .type('form')
      .send({ ...partial, _csrf: token })
      .expect(400);
    expect(response.text).to.include('<title>Error: Test your knowledge');
    expect(response.text).to.include('<a href="#q01">Choose an answer to question 1</a>');
    const [secondId, secondOptions] = Object.entries(answers)[1]!;
    expect(response.text).to.match(new RegExp(`name="${secondId}" value="${secondOptions[1]!}" checked`));
    expect(await total()).to.equal(before);
  });

  it('refuses a submission without a valid form token', async () => {
    await supertest(app).post('/en/quiz').type('form').send({ q01: 'a' }).expect(403);
    await supertest(app).post('/en/quiz').type('form').send({ q01: 'a', _csrf: '9999999999999.forged' }).expect(403);
  });
});

describe('"What can I do?"', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('every path from the start ends at an outcome page with next steps, in every language', async () => {
    for (const lang of ['ky', 'ru', 'en']) {
      const seen = new Set<string>();
      const outcomes = new Set<string>();
      const queue = [`/${lang}/help`];
      while (queue.length > 0) {
        const url = queue.shift()!;
        if (seen.has(url)) continue;
        seen.add(url);
        const html = (await supertest(app).get(url).expect(200)).text;
        const next = [...html.matchAll(/class="choice-link" href="([^"]+)"/g)].map((match) => match[1]!);
        if (next.length === 0) {
          expect(html, url).to.include('class="action-list"');
          expect(html, url).to.include(`href="/${lang}/help">`);
          outcomes.add(url);
        }
        queue.push(...next);
      }
      expect([...outcomes].map((url) => url.split('/').at(-1)).sort(), lang).to.deep.equal(Object.keys(OUTCOMES).sort());
    }
  });

  it('each step has its own address, and unknown steps are 404', async () => {
    const html = (await supertest(app).get('/en/help/asked-before').expect(200)).text;
    expect(html).to.include('href="/en/help/complain-no-answer"');
    expect(html).to.include('href="/ru/help/asked-before"');
    await supertest(app).get('/en/help/no-such-step').expect(404);
    await supertest(app).get('/en/help/start').expect(404);
  });
});

describe('request letters', () => {
  let app: Express;
  let agent: Agent;
  before(async () => {
    app = await buildApp();
    agent = browser(app);
  });

  const today = bishkekToday();
  const [year, month, day] = today.split('-') as [string, string, string];

  async function post(lang: string, fields: Record<string, string>, status: number) {
    const page = await agent.get(`/${lang}/letters/new`).expect(200);
    // The form's own cookie, not a session.
    expect(setCookies(page).map((cookie) => cookie.split('=')[0])).to.deep.equal(['ukuk.form']);
    return agent
      .post(`/${lang}/letters/new`)
      .type('form')
      .send({ ...fields, _csrf: csrfTokenFrom(page.text) })
      .expect(status);
  }

  const valid = {
    requestType: 'correction',
    organisationName: 'Example Microcredit LLC',
    organisationAddress: 'Bishkek, Chui avenue 1',
    fullName: 'Nurlan Letterwriter',
    contact: 'nurlan.letter@example.kg',
    details: 'My phone number is wrong: it should end in 42.',
    'sendingDate-day': day,
    'sendingDate-month': month,
    'sendingDate-year': year,
    letterLanguage: 'en',
  };

  it('builds a printable letter with the reply-by date, and stores and logs nothing the citizen typed', async () => {
    const { knex } = testDatabase();
    const response = await post('en', valid, 200);
    expect(setCookies(response).filter((cookie) => cookie.includes('ukuk.sid'))).to.deep.equal([]);
    expect(response.headers['cache-control']).to.equal('no-store');
    const html = response.text;
    const replyBy = formatLongDate(addDays(today, 7), 'en');
    expect(replyBy).to.match(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(html).to.include(`The answer is due by ${replyBy}`);
    expect(html).to.include('Request to correct my personal data');
    expect(html).to.include('My phone number is wrong: it should end in 42.');
    expect(html).to.include('No. 58');
    expect(html).to.include('action="/en/complaints/new/from-letter"');
    const log = readFileSync(TEST_LOG_FILE, 'utf8');
    expect(log).not.to.include('Letterwriter');
    expect(log).not.to.include('nurlan.letter');
    for (const table of ['content_translations', 'quiz_answer_counts', 'sessions', 'audit_events']) {
      const rows = JSON.stringify(await knex(table).select('*'));
      expect(rows, table).not.to.include('Letterwriter');
    }
  });

  it('writes the letter in another language than the page, and can switch it', async () => {
    const response = await post('en', { ...valid, letterLanguage: 'ky' }, 200);
    expect(response.text).to.include('<article class="letter" lang="ky"');
    const [, token] = /name="_csrf" value="([^"]+)"/.exec(response.text)!;
    const switched = await agent
      .post('/en/letters/new')
      .type('form')
      .send({ ...valid, letterLanguage: 'ru', _csrf: token! })
      .expect(200);
    expect(switched.text).to.include('<article class="letter" lang="ru"');
    expect(switched.text).to.include('№ 58');
  });

  it('shows every problem in the summary and at its field, in the page language, keeping the answers', async () => {
    const response = await post('ru', { ...valid, organisationName: '', details: '', 'sendingDate-day': '31', 'sendingDate-month': '2' }, 400);
    const html = response.text;
    expect(html).to.include('<title>Ошибка: ');
    expect(html).to.include('Есть проблема');
    expect(html).to.include('<a href="#organisationName">');
    expect(html).to.include('<a href="#details">');
    expect(html).to.include('<a href="#sendingDate">');
    expect(html).to.include('id="organisationName-error"');
    expect(html).to.include('value="Nurlan Letterwriter"');
    expect(html).to.include('>Bishkek, Chui avenue 1</textarea>');
  });

  it('pre-selects the request type from the link that led here', async () => {
    const html = (await supertest(app).get('/en/letters/new?type=stop-processing').expect(200)).text;
    expect(html).to.match(/value="stop-processing" checked/);
    await supertest(app).get('/en/letters/new?type=<script>').expect(200);
  });

  it('refuses a submission without a valid form token', async () => {
    await supertest(app).post('/en/letters/new').type('form').send(valid).expect(403);
  });
});
