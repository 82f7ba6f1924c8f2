/**
 * The organisation picker in the journeys: suggestions as you type (a JSON endpoint), and without scripts a results
 * step after the name is sent; the case keeps the entry picked.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, type Agent } from '../support/browser.ts';
import { formState } from '../support/html.ts';
import { answer, dateFields, receiptFrom } from '../support/journeys.ts';
import { testDatabase } from '../support/database.ts';
import { createOrganisation } from '../support/register.ts';

/** A word no other test's organisation has. */
const tag = (): string => `zq${Date.now().toString(36)}${String(Math.floor(Math.random() * 1000))}`;

async function postStep(agent: Agent, url: string, fields: Record<string, string>) {
  const page = await agent.get(url).expect(200);
  return agent
    .post(url)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(page.text) });
}

/** A hidden field's value (formState leaves hidden fields out). */
function hidden(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

/** The values of a group of radios. */
function radioValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`type="radio"[^>]*name="${name}" value="([^"]*)"`, 'g'))].map((match) => match[1] ?? '');
}

/** The rest of a complaint after its organisation step, sent; the stored case's organisation. */
async function finishComplaint(agent: Agent): Promise<number | null> {
  await answer(agent, '/en/complaints/new/what-happened', {
    ...dateFields('incidentDate', '2026-10-01'),
    description: 'They shared my number.',
    rightsAffected: 'consent',
    dataKinds: 'contact',
  });
  await answer(agent, '/en/complaints/new/earlier-contact', { askedOrganisation: 'yes', ...dateFields('requestDate', '2026-10-02'), answered: 'no' });
  await answer(agent, '/en/complaints/new/outcome', { desiredOutcomes: 'deletion', outcomeDetails: '' });
  await answer(agent, '/en/complaints/new/evidence', { continue: '1' });
  await answer(agent, '/en/complaints/new/declarations', { privacyAccepted: 'yes', identitySharing: 'yes', truthful: 'yes' });
  const check = await agent.get('/en/complaints/new/check').expect(200);
  expect(check.text).not.to.include('The organisation you named is not in the register');
  await agent
    .post('/en/complaints/new/check')
    .type('form')
    .send({ _csrf: csrfTokenFrom(check.text), website: '' })
    .expect(303);
  const { reference } = receiptFrom((await agent.get('/en/complaints/submitted').expect(200)).text);
  const stored = await testDatabase().knex('cases').where({ reference }).first('organisation_id');
  return (stored?.organisation_id as number | null | undefined) ?? null;
}

describe('organisation picker', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('suggests registered entries by the beginning of any word of any of their names, in any script', async () => {
    const word = tag();
    const { registrationNumber, inn } = await createOrganisation({
      nameRu: `ОсОО «Север ${word}»`,
      nameKy: `«Түндүк ${word}» ЖЧК`,
      nameEn: `North ${word} LLC`,
    });
    const ceased = await createOrganisation({ nameRu: `ОсОО «Юг ${word}»` });
    await testDatabase().knex('organisations').where({ id: ceased.id }).update({ status: 'ceased', ceased_on: '2026-01-01' });
    const response = await supertest(app)
      .get('/en/register/suggest')
      .query({ q: word.slice(0, 8) })
      .expect(200)
      .expect('Content-Type', /json/);
    const body = response.body as { suggestions: Record<string, string>[] };
    expect(body.suggestions).to.deep.equal([{ registrationNumber, name: `North ${word} LLC`, inn, href: `/en/register/${registrationNumber}` }]);
    // Cyrillic typed, the Kyrgyz page names it in Kyrgyz; the first word's beginning works too.
    const ky = (await supertest(app).get('/ky/register/suggest').query({ q: 'Түндүк' }).expect(200)).body as typeof body;
    expect(ky.suggestions.map((entry) => entry.name)).to.include(`«Түндүк ${word}» ЖЧК`);
    const ru = (
      await supertest(app)
        .get('/ru/register/suggest')
        .query({ q: `sever ${word}` })
        .expect(200)
    ).body as typeof body;
    expect(ru.suggestions.map((entry) => entry.name)).to.deep.equal([`ОсОО «Север ${word}»`]);
    // Too little typed, or nothing, or an array: no suggestions, never an error.
    for (const q of ['a', '', ['x', 'y'], 'x'.repeat(5000)]) {
      expect(((await supertest(app).get('/en/register/suggest').query({ q }).expect(200)).body as typeof body).suggestions).to.be.an('array');
    }
    // Typed as far as the first letter of a pair spelt as one sound ("c" of "ch", "d" of "dzh"): already suggested.
    await createOrganisation({ nameRu: `ОсОО «${word}чай»`, nameEn: `${word}chai Tea LLC` });
    await createOrganisation({ nameRu: `ОсОО «${word}джай»`, nameEn: `${word}dzhai LLC` });
    for (const [typed, name] of [
      [`${word}c`, `${word}chai Tea LLC`],
      [`${word}d`, `${word}dzhai LLC`],
      [`${word}dz`, `${word}dzhai LLC`],
    ]) {
      const found = (await supertest(app).get('/en/register/suggest').query({ q: typed }).expect(200)).body as typeof body;
      expect(found.suggestions.map((entry) => entry.name)).to.include(name);
    }
  });

  it('without scripts: the name sent shows the register entries like it; the one picked is kept with the case', async () => {
    const word = tag();
    const { id, registrationNumber } = await createOrganisation({ nameRu: `ОсОО «${word} Финанс»`, nameEn: `${word} Finance LLC`, sector: 'banking' });
    await createOrganisation({ nameRu: `ОсОО «${word} Телеком»`, nameEn: `${word} Telecom LLC`, sector: 'telecoms' });
    const agent = browser(app);
    await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida', email: 'aida@example.kg', preferredLanguage: 'en' });
    const results = await postStep(agent, '/en/complaints/new/organisation', { organisationName: word, sector: 'banking', organisationAddress: 'Chui 1' });
    expect(results.status).to.equal(200);
    expect(results.text).to.include('Is this the organisation?').and.include(`${word} Finance LLC`).and.include(`${word} Telecom LLC`);
    expect(results.text).to.include(`It is not in this list: use the name I typed, “${word}”`);
    expect(radioValues(results.text, 'organisationChoice')).to.include.members([registrationNumber, 'typed']);
    // Nothing chosen: a message beside the choices and in the summary; still on the results step.
    const none = await agent
      .post('/en/complaints/new/organisation')
      .type('form')
      .send({ pick: '1', _csrf: csrfTokenFrom(results.text) });
    expect(none.status).to.equal(400);
    expect(none.text).to.include('Choose an organisation from the list, or use the name you typed').and.include('href="#organisationChoice"');
    // An entry picked: on to the next step, the organisation's register name in the answers, the rest as sent.
    await agent
      .post('/en/complaints/new/organisation')
      .type('form')
      .send({ organisationChoice: registrationNumber, _csrf: csrfTokenFrom(none.text) })
      .expect(303)
      .expect('Location', '/en/complaints/new/what-happened');
    const againPage = (await agent.get('/en/complaints/new/organisation').expect(200)).text;
    const again = formState(againPage);
    expect(again.organisationName).to.deep.equal([`${word} Finance LLC`]);
    expect(again.organisationAddress).to.deep.equal(['Chui 1']);
    expect(hidden(againPage, 'organisationNumber')).to.equal(registrationNumber);
    expect(await finishComplaint(agent)).to.equal(id);
  });

  it('without scripts: "use the name I typed" keeps the name and no entry', async () => {
    const word = tag();
    await createOrganisation({ nameRu: `ОсОО «${word} Один»` });
    await createOrganisation({ nameRu: `ОсОО «${word} Два»` });
    const agent = browser(app);
    await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida', email: 'aida@example.kg', preferredLanguage: 'en' });
    // Nothing like the name in the register: no results step.
    const results = await postStep(agent, '/en/complaints/new/organisation', { organisationName: 'Xylophone Qwfpgj Ltd', sector: 'retail' });
    expect(results.status).to.equal(303);
    const agent2 = browser(app);
    await answer(agent2, '/en/complaints/new/about-you', { fullName: 'Aida', email: 'aida@example.kg', preferredLanguage: 'en' });
    const offered = await postStep(agent2, '/en/complaints/new/organisation', { organisationName: word, sector: 'retail' });
    expect(offered.status).to.equal(200);
    await agent2
      .post('/en/complaints/new/organisation')
      .type('form')
      .send({ organisationChoice: 'typed', _csrf: csrfTokenFrom(offered.text) })
      .expect(303);
    const page = (await agent2.get('/en/complaints/new/organisation').expect(200)).text;
    expect(formState(page).organisationName).to.deep.equal([word]);
    expect(hidden(page, 'organisationNumber')).to.equal('');
  });

  it('with scripts: a suggestion picked travels as its number and skips the results step; a changed name does not', async () => {
    const word = tag();
    const { id, registrationNumber } = await createOrganisation({ nameRu: `ОсОО «${word} Банк»`, nameEn: `${word} Bank` });
    await createOrganisation({ nameRu: `ОсОО «${word} Лизинг»`, nameEn: `${word} Leasing` });
    const agent = browser(app);
    await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida', email: 'aida@example.kg', preferredLanguage: 'en' });
    const page = await agent.get('/en/complaints/new/organisation').expect(200);
    expect(page.text).to.include('class="organisation-picker" data-suggest="/en/register/suggest"').and.include('src="/public/js/picker.js');
    // The number of another entry than the name: the name decides, so the register's matches are offered.
    const mismatch = await postStep(agent, '/en/complaints/new/organisation', {
      organisationName: word,
      organisationNumber: registrationNumber,
      sector: 'banking',
    });
    expect(mismatch.status).to.equal(200);
    await answer(agent, '/en/complaints/new/organisation', { organisationName: `${word} Bank`, organisationNumber: registrationNumber, sector: 'banking' });
    expect(await finishComplaint(agent)).to.equal(id);
  });

  it('"complain about this organisation" carries the entry through the form without asking', async () => {
    const word = tag();
    const { id, registrationNumber } = await createOrganisation({ nameEn: `${word} Clinic`, nameRu: `ОсОО «${word} Клиника»`, sector: 'healthcare' });
    await createOrganisation({ nameEn: `${word} Pharmacy`, nameRu: `ОсОО «${word} Аптека»` });
    const agent = browser(app);
    const start = await agent.get(`/en/complaints/new?organisation=${registrationNumber}`).expect(200);
    await agent
      .post('/en/complaints/new/from-register')
      .type('form')
      .send({ organisation: registrationNumber, _csrf: csrfTokenFrom(start.text) })
      .expect(303);
    await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida', email: 'aida@example.kg', preferredLanguage: 'en' });
    const page = (await agent.get('/en/complaints/new/organisation').expect(200)).text;
    expect(hidden(page, 'organisationNumber')).to.equal(registrationNumber);
    const fields = Object.fromEntries(Object.entries(formState(page)).map(([name, values]) => [name, values[0] ?? '']));
    await answer(agent, '/en/complaints/new/organisation', { ...fields, organisationNumber: registrationNumber });
    expect(await finishComplaint(agent)).to.equal(id);
  });

  it('the report and the breach notification ask the same way; a breach takes the entry ИНН when none was typed', async () => {
    const word = tag();
    const { registrationNumber, inn } = await createOrganisation({ nameRu: `ОсОО «${word} Маркет»`, nameEn: `${word} Market` });
    await createOrganisation({ nameRu: `ОсОО «${word} Оптом»`, nameEn: `${word} Wholesale` });
    const report = browser(app);
    const offered = await postStep(report, '/ru/reports/new/what-happened', {
      organisationName: word,
      sector: 'retail',
      description: 'Камеры.',
      knowDate: 'no',
    });
    expect(offered.status).to.equal(200);
    expect(offered.text).to.include('Это та организация?').and.include(`ОсОО «${word} Маркет»`);
    const breach = browser(app);
    const contact = { contactName: 'D', contactPosition: 'P', contactEmail: 'dpo@h.example.kg' };
    const ky = await postStep(breach, '/ky/breaches/new/organisation', { organisationName: word, inn: '', ...contact });
    // The ИНН is required on this step: a valid form comes first.
    expect(ky.status).to.equal(400);
    const results = await postStep(breach, '/ky/breaches/new/organisation', { organisationName: word, inn, ...contact });
    expect(results.status).to.equal(200);
    expect(results.text).to.include('Бул ошол уюмбу?');
    await breach
      .post('/ky/breaches/new/organisation')
      .type('form')
      .send({ organisationChoice: registrationNumber, _csrf: csrfTokenFrom(results.text) })
      .expect(303);
    const page = (await breach.get('/ky/breaches/new/organisation').expect(200)).text;
    expect(formState(page).inn).to.deep.equal([inn]);
    expect(hidden(page, 'organisationNumber')).to.equal(registrationNumber);
  });
});
