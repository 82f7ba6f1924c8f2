/** The organisation picker on the request letter (a form that keeps nothing), and the staff queue by organisation. */
import { expect } from 'chai';
import type { Express } from 'express';
import { bishkekToday } from '../../src/lib/dates.ts';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { answer, receiptFrom } from '../support/journeys.ts';
import { createOrganisation } from '../support/register.ts';
import { staffOfRole } from '../support/staff.ts';

const tag = (): string => `zl${Date.now().toString(36)}${String(Math.floor(Math.random() * 1000))}`;

function letterFields(organisationName: string, organisationAddress = ''): Record<string, string> {
  const [year = '', month = '', day = ''] = bishkekToday().split('-');
  return {
    requestType: 'access',
    organisationName,
    organisationAddress,
    fullName: 'Letter Writer',
    contact: 'letter.writer@example.kg',
    details: '',
    'sendingDate-day': String(Number(day)),
    'sendingDate-month': String(Number(month)),
    'sendingDate-year': year,
    letterLanguage: 'en',
  };
}

/** The hidden fields of the form posting to `action` (the letter's answers travel in them). */
function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

describe('organisation picker on the letter, and the queue by organisation', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('a letter naming several register entries asks which one; the one chosen gives its name and address', async () => {
    const word = tag();
    const { registrationNumber } = await createOrganisation({ nameEn: `${word} Bank`, nameRu: `ОсОО «${word} Банк»`, contactAddress: 'PO Box 77, Bishkek' });
    await createOrganisation({ nameEn: `${word} Leasing`, nameRu: `ОсОО «${word} Лизинг»` });
    const agent = browser(app);
    const form = await agent.get('/en/letters/new').expect(200);
    expect(form.text).to.include('data-suggest="/en/register/suggest"');
    const asked = await agent
      .post('/en/letters/new')
      .type('form')
      .send({ ...letterFields(word), _csrf: csrfTokenFrom(form.text) })
      .expect(200);
    expect(asked.text).to.include('Is this the organisation?').and.include(`${word} Leasing`);
    const kept = hiddenFields(asked.text);
    expect(kept).to.include({ fullName: 'Letter Writer', organisationName: word, pick: '1' });
    // Nothing chosen: asked again with a message.
    const none = await agent
      .post('/en/letters/new')
      .type('form')
      .send({ ...kept, _csrf: csrfTokenFrom(asked.text) })
      .expect(400);
    expect(none.text).to.include('Choose an organisation from the list, or use the name you typed');
    const letter = await agent
      .post('/en/letters/new')
      .type('form')
      .send({ ...hiddenFields(none.text), organisationChoice: registrationNumber, _csrf: csrfTokenFrom(none.text) })
      .expect(200);
    expect(letter.text).to.include(`${word} Bank`).and.include('PO Box 77, Bishkek');
    // Rebuilding the letter (e.g. in Russian) keeps the entry and does not ask again.
    const fields = hiddenFields(letter.text);
    expect(fields.organisationNumber).to.equal(registrationNumber);
    const rebuilt = await agent
      .post('/en/letters/new')
      .type('form')
      .send({ ...fields, pick: undefined, letterLanguage: 'ru', _csrf: csrfTokenFrom(letter.text) })
      .expect(200);
    expect(rebuilt.text).not.to.include('Is this the organisation?');
  });

  it('"use the name I typed" writes the letter as typed, and a rebuilt letter does not ask again', async () => {
    const word = tag();
    await createOrganisation({ nameEn: `${word} Alpha` });
    await createOrganisation({ nameEn: `${word} Beta` });
    const agent = browser(app);
    const form = await agent.get('/ru/letters/new').expect(200);
    const asked = await agent
      .post('/ru/letters/new')
      .type('form')
      .send({ ...letterFields(word, 'Somewhere 1'), _csrf: csrfTokenFrom(form.text) })
      .expect(200);
    expect(asked.text).to.include('Это та организация?');
    const letter = await agent
      .post('/ru/letters/new')
      .type('form')
      .send({ ...hiddenFields(asked.text), organisationChoice: 'typed', _csrf: csrfTokenFrom(asked.text) })
      .expect(200);
    const fields = hiddenFields(letter.text);
    expect(fields).to.include({ organisationName: word, organisationAddress: 'Somewhere 1', organisationNumber: 'typed' });
    const rebuilt = await agent
      .post('/ru/letters/new')
      .type('form')
      .send({ ...fields, letterLanguage: 'ky', _csrf: csrfTokenFrom(letter.text) })
      .expect(200);
    expect(rebuilt.text).not.to.include('Это та организация?');
  });

  it("staff filter the queue by an organisation's register number; its entry page links there", async () => {
    const word = tag();
    const { id, registrationNumber } = await createOrganisation({ nameEn: `${word} Queue LLC` });
    const agent = browser(app);
    await answer(agent, '/en/reports/new/what-happened', { organisationName: `${word} Queue LLC`, sector: 'online', description: 'Cameras.', knowDate: 'no' });
    await answer(agent, '/en/reports/new/evidence', { continue: '1' });
    await answer(agent, '/en/reports/new/about-you', { anonymous: 'yes', fullName: '', email: '', preferredLanguage: 'en' });
    const check = await agent.get('/en/reports/new/check').expect(200);
    await agent
      .post('/en/reports/new/check')
      .type('form')
      .send({ _csrf: csrfTokenFrom(check.text) })
      .expect(303);
    const { reference } = receiptFrom((await agent.get('/en/reports/submitted').expect(200)).text);
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const entry = (await supervisor.get(`/staff/register/${String(id)}`).expect(200)).text;
    // Handlebars escapes "=" and "&" in attributes; a browser reads them back.
    expect(entry).to.include(`href="/staff/cases?status&#x3D;all&amp;organisation&#x3D;${registrationNumber}"`);
    const queue = (await supervisor.get('/staff/cases').query({ status: 'all', organisation: registrationNumber }).expect(200)).text;
    expect(queue).to.include(reference);
    const other = (await supervisor.get('/staff/cases').query({ status: 'all', organisation: '1999-99999' }).expect(200)).text;
    expect(other).not.to.include(reference);
    for (const lang of ['ky', 'ru', 'en'] as const) {
      const { agent: staff } = await staffOfRole(app, 'supervisor', lang);
      const bad = await staff.get('/staff/cases').query({ organisation: 'Optima' }).expect(400);
      expect(bad.text).to.include('2026-00017');
    }
  });
});
