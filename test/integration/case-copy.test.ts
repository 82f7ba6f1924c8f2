/**
 * The readable copy of what was sent: a PDF in the case's language, read back with pdf.js as a reader's viewer
 * would, must hold the reference, every answer under its own question (as the case pages show them) and the
 * list of files — from the breach receipt page at once, and in the case space's "download everything".
 */
import { expect } from 'chai';
import type { Express } from 'express';
import JSZip from 'jszip';
import { loadCaseAnswers } from '../../src/features/intake/case-answers.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PDF } from '../support/files.ts';
import { answer, dateFields, receiptFrom, upload } from '../support/journeys.ts';
import { pdfText } from '../support/pdf.ts';

const translator = createTranslator({ strict: true });
const today = bishkekToday();
const LANGUAGES = ['ky', 'ru', 'en'] as const;

/** pdf.js breaks lines where the PDF wraps them: compare without any white space. */
const squeeze = (text: string): string => text.replace(/[\s•]+/g, '');

function binary(request: ReturnType<Agent['get']>) {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

async function notifyBreach(agent: Agent, lang: string, tag: string): Promise<string> {
  const base = `/${lang}/breaches/new`;
  await answer(agent, `${base}/organisation`, {
    organisationName: `Copy Holder ${tag}`,
    inn: '01234567891234',
    contactName: `Жылдыз Copy ${tag}`,
    contactPosition: 'DPO',
    contactEmail: `dpo.${tag}@holder.example.kg`,
    contactPhone: '+996 555 123456',
  });
  await answer(agent, `${base}/breach`, {
    ...dateFields('discoveredDate', addDays(today, -1)),
    discoveredTime: '09:30',
    occurredKnown: 'no',
    nature: ['confidentiality'],
    description: `Резервная копия базы открыта ${tag}: өзгөчө ң ө ү.`,
  });
  await answer(agent, `${base}/affected`, { dataCategories: ['identity', 'contact'], peopleCategories: 'customers', approxPeople: '1200', approxRecords: '' });
  await answer(agent, `${base}/consequences`, {
    likelyConsequences: `Phishing ${tag}.`,
    measuresTaken: 'Access closed.',
    measuresPlanned: '',
    peopleTold: 'planned',
    peopleToldDetails: 'By e-mail this week.',
  });
  await answer(agent, `${base}/timing`, { delayReason: '', isFollowUp: 'no', earlierReference: '' });
  expect((await upload(agent, `${base}/evidence`, 'evidence', [{ name: `breach-log-${tag}.pdf`, bytes: PDF }])).status).to.equal(303);
  await answer(agent, `${base}/evidence`, { continue: '1' });
  const check = await agent.get(`${base}/check`).expect(200);
  await agent
    .post(`${base}/check`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(check.text) })
    .expect(303);
  return receiptFrom((await agent.get(`/${lang}/breaches/submitted`).expect(200)).text).reference;
}

/** Every question the case pages show, with its answer, is in the copy's text; so are the reference and the files. */
async function expectAnswersIn(text: string, reference: string, lang: (typeof LANGUAGES)[number], files: string[]): Promise<void> {
  const { knex } = testDatabase();
  const stored = await knex('cases').where({ reference }).first();
  const sections = await loadCaseAnswers(knex, stored, { t: translator.forLanguage(lang), lang });
  const flat = squeeze(text);
  expect(flat).to.include(reference);
  expect(sections.length).to.be.greaterThan(1);
  for (const section of sections) {
    expect(flat, `${lang}: ${section.title}`).to.include(squeeze(section.title));
    for (const row of section.rows) {
      expect(flat, `${lang}: ${row.label}`).to.include(squeeze(row.label));
      for (const value of Array.isArray(row.value) ? row.value : [row.value]) expect(flat, `${lang}: ${row.label} = ${value}`).to.include(squeeze(value));
    }
  }
  for (const name of files) expect(flat).to.include(squeeze(name));
}

describe('the PDF copy of what was sent', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  for (const lang of LANGUAGES) {
    it(`a breach notifier downloads it from the receipt page, in ${lang}`, async () => {
      const agent = browser(app);
      const tag = `${lang}${Date.now()}`;
      const reference = await notifyBreach(agent, lang, tag);
      const receipt = await agent.get(`/${lang}/breaches/submitted`).expect(200);
      expect(receipt.text).to.include(`href="/${lang}/breaches/submitted/copy"`);
      const response = await binary(agent.get(`/${lang}/breaches/submitted/copy`)).expect(200);
      expect(response.headers['content-type']).to.equal('application/pdf');
      expect(response.headers['cache-control']).to.equal('no-store');
      expect(response.headers['content-disposition']).to.include(`${reference}.pdf`);
      const text = (await pdfText(response.body as Buffer)).join('\n');
      await expectAnswersIn(text, reference, lang, [`breach-log-${tag}.pdf`]);
      expect(squeeze(text)).to.include(squeeze(translator.forLanguage(lang)('intake.copy.title.breach')));
      // Someone else's browser has no receipt: back to a new form.
      await browser(app).get(`/${lang}/breaches/submitted/copy`).expect(303);
    });
  }

  it('is in the ZIP of "download everything", in the case’s language, with the messages and files', async () => {
    const { reference, code } = await createCase({ language: 'ru' });
    const agent = browser(app);
    await answer(agent, '/en/track', { reference, accessCode: code });
    const page = await agent.get('/en/track/case').expect(200);
    await agent
      .post(multipartActionFrom(page.text))
      .field('_csrf', csrfTokenFrom(page.text))
      .field('body', 'Вот письмо банка.')
      .attach('files', PDF, 'bank-letter.pdf')
      .expect(303);
    const download = await binary(agent.get('/en/track/case/download')).expect(200);
    const zip = await JSZip.loadAsync(download.body as Buffer);
    expect(zip.file(`${reference}/case.json`)).to.equal(null);
    const text = (await pdfText(await zip.file(`${reference}/${reference}.pdf`)!.async('nodebuffer'))).join('\n');
    await expectAnswersIn(text, reference, 'ru', ['bank-letter.pdf']);
    expect(squeeze(text)).to.include(squeeze('Вот письмо банка.'));
    expect(squeeze(text)).to.include(squeeze(translator.forLanguage('ru')('intake.copy.fromYou')));
    expect(Buffer.compare(await zip.file(`${reference}/files/bank-letter.pdf`)!.async('nodebuffer'), PDF)).to.equal(0);
  });
});
