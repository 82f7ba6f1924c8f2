/**
 * The request letter's paragraphs, edited in the back office through versions and two-person review: a paragraph
 * that loses its placeholder is refused beside the field with the input kept; once a second editor approves, the
 * letter generator writes the new words, in Kyrgyz and in Russian. The paragraphs are changed by adding a
 * sentence, so other tests of this process that read the letter still find its original words.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { formOf, saveFromPage, submitAndApprove } from '../support/editor-form.ts';
import { signedInStaff } from '../support/staff.ts';
import { waitFor } from '../support/wait.ts';
import { bishkekToday } from '../../src/lib/dates.ts';

const [year, month, day] = bishkekToday().split('-') as [string, string, string];
const LETTER = {
  requestType: 'access',
  organisationName: 'Example Bank',
  organisationAddress: '',
  fullName: 'Aida Tolonova',
  contact: 'aida@example.kg',
  details: '',
  'sendingDate-day': day,
  'sendingDate-month': month,
  'sendingDate-year': year,
};

async function letterText(app: Express, lang: 'ky' | 'ru'): Promise<string> {
  const agent = browser(app);
  const page = await agent.get(`/${lang}/letters/new`).expect(200);
  const letter = await agent
    .post(`/${lang}/letters/new`)
    .type('form')
    .send({ ...LETTER, letterLanguage: lang, _csrf: csrfTokenFrom(page.text) })
    .expect(200);
  return letter.text;
}

describe('the request letter’s paragraphs in the back office', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('are edited, reviewed by a second editor and written by the letter generator, in Kyrgyz and in Russian', async () => {
    const item = await testDatabase().knex('content_items').where({ kind: 'letters', slug: 'request' }).first();
    const author = await signedInStaff(app, 'editor', 'ky');
    const reviewer = await signedInStaff(app, 'editor', 'ru');
    const list = await author.agent.get('/staff/content').expect(200);
    expect(list.text).to.include(`/staff/content/${String(item.id)}/ky`);

    const kyUrl = `/staff/content/${String(item.id)}/ky`;
    const page = await author.agent.get(kyUrl).expect(200);
    const original = formOf(page.text);
    expect(original['letter-deadline']).to.include('{{date}}');
    // Each paragraph says which placeholder it must keep.
    expect(page.text).to.include('{{date}} катта маани коюлган жерде калсын');
    expect(original['letter-request-access']).to.have.length.greaterThan(20);
    const bad = await saveFromPage(author.agent, kyUrl, { 'letter-deadline': 'Бир жуманын ичинде жооп бериңиз.' }, 400);
    expect(bad.text).to.include('href="#letter-deadline"');
    expect(bad.text).to.include('Бир жуманын ичинде жооп бериңиз.');
    expect(bad.text).to.include('error-summary');

    await saveFromPage(author.agent, kyUrl, { 'letter-closing': `${original['letter-closing'] ?? ''} Алдын ала ыракмат.` });
    await submitAndApprove(author.agent, reviewer.agent, kyUrl);
    const ky = await waitFor(async () => {
      const text = await letterText(app, 'ky');
      return text.includes('Алдын ала ыракмат.') ? text : undefined;
    }, 'the new closing in the Kyrgyz letter');
    expect(ky).to.include('Example Bank');

    const ruUrl = `/staff/content/${String(item.id)}/ru`;
    const ruPage = formOf((await reviewer.agent.get(ruUrl).expect(200)).text);
    await saveFromPage(reviewer.agent, ruUrl, { 'letter-request-access': `${ruPage['letter-request-access'] ?? ''} Заранее спасибо.` });
    await submitAndApprove(reviewer.agent, author.agent, ruUrl);
    await waitFor(async () => (await letterText(app, 'ru')).includes('Заранее спасибо.'), 'the new request in the Russian letter');
    // The Kyrgyz change flagged Russian "needs update", yet a Russian letter is still written in Russian.
    expect(await letterText(app, 'ru')).to.include('<article class="letter" lang="ru"');
  });
});
