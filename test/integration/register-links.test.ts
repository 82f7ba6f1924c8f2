/** The register's entries feed the forms (a letter, a complaint) and the open-data files. */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { formState } from '../support/html.ts';
import { answer, dateFields, receiptFrom } from '../support/journeys.ts';
import { testDatabase } from '../support/database.ts';
import { staffOfRole } from '../support/staff.ts';
import { createOrganisation, testArray } from '../support/register.ts';

describe('register entries in forms and open data', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('"write a request letter" opens the letter form with the organisation filled in', async () => {
    const { registrationNumber } = await createOrganisation({ nameRu: 'ОсОО «Письмо Тест»', address: 'г. Бишкек, ул. Киевская, 1', contactAddress: null });
    const html = (await supertest(app).get(`/ru/letters/new?organisation=${registrationNumber}`).expect(200)).text;
    const form = formState(html, { action: '/ru/letters/new' });
    expect(form.organisationName).to.deep.equal(['ОсОО «Письмо Тест»']);
    expect(form.organisationAddress).to.deep.equal(['г. Бишкек, ул. Киевская, 1']);
    // An unknown or malformed number leaves the form empty.
    for (const organisation of ['1999-99999', '<b>']) {
      const empty = formState((await supertest(app).get('/ru/letters/new').query({ organisation }).expect(200)).text, { action: '/ru/letters/new' });
      expect(empty.organisationName ?? ['']).to.deep.equal(['']);
    }
  });

  it('"complain about this organisation" starts a complaint offering the organisation on its step', async () => {
    const { registrationNumber } = await createOrganisation({ nameEn: 'Complaint Target LLC', sector: 'healthcare', contactAddress: 'PO Box 12, Bishkek' });
    const agent = browser(app);
    const start = await agent.get(`/en/complaints/new?organisation=${registrationNumber}`).expect(200);
    expect(start.text).to.include('Complaining about Complaint Target LLC');
    const started = await agent
      .post('/en/complaints/new/from-register')
      .type('form')
      .send({ organisation: registrationNumber, _csrf: csrfTokenFrom(start.text) })
      .expect(303);
    expect(started.headers.location).to.equal('/en/complaints/new/about-you');
    await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida Complainant', email: 'aida@example.kg', preferredLanguage: 'en' });
    const step = await agent.get('/en/complaints/new/organisation').expect(200);
    const form = formState(step.text);
    expect(form.organisationName).to.deep.equal(['Complaint Target LLC']);
    expect(form.sector).to.deep.equal(['health']);
    expect(form.organisationAddress).to.deep.equal(['PO Box 12, Bishkek']);
  });

  it('a complaint naming a registered organisation (in another script) is linked to its entry; staff see whether it is registered', async () => {
    const { id } = await createOrganisation({ nameKy: 'Тоо Байланыш', nameRu: 'ОсОО «Тоо Связь Линк»' });
    const { knex } = testDatabase();
    for (const [organisationName, expected] of [
      ['Too Baylanysh LLC', id],
      [`Nobody Registered ${String(Date.now())}`, null],
    ] as const) {
      const agent = browser(app);
      await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida', email: 'aida@example.kg', preferredLanguage: 'en' });
      await answer(agent, '/en/complaints/new/organisation', { organisationName, sector: 'telecoms', organisationAddress: '' });
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
      // The citizen is told when the register does not hold the organisation they name.
      expect(check.text.includes('The organisation you named is not in the register of personal data holders'), organisationName).to.equal(expected === null);
      await agent
        .post('/en/complaints/new/check')
        .type('form')
        .send({ _csrf: csrfTokenFrom(check.text), website: '' })
        .expect(303);
      const { reference } = receiptFrom((await agent.get('/en/complaints/submitted').expect(200)).text);
      const stored = await knex('cases').where({ reference }).first('organisation_id');
      expect(stored?.organisation_id ?? null, organisationName).to.equal(expected);
      const { agent: supervisor } = await staffOfRole(app, 'supervisor');
      const page = (await supervisor.get(`/staff/cases/${reference}`).expect(200)).text;
      if (expected) expect(page).to.include(`href="/staff/register/${String(id)}"`);
      else expect(page).to.include('Not in the register');
    }
  });

  it('a complaint start page with an unknown organisation is the ordinary start page', async () => {
    const html = (await supertest(app).get('/en/complaints/new?organisation=1999-99999').expect(200)).text;
    expect(html).not.to.include('Complaining about');
  });

  it('the CSV has one row per array with every column, formulas defused; the JSON nests the arrays', async () => {
    const arrays = [
      testArray({ name: 'Clients', transferCountries: ['KZ', 'RU'] }),
      testArray({ name: '=HYPERLINK("x")', purposes: 'Line one\nline "two", three' }),
    ];
    const { registrationNumber, inn } = await createOrganisation({ nameRu: 'ОсОО «Открытые данные»', arrays });
    const csv = await supertest(app)
      .get('/en/register/open-data/register.csv')
      .expect(200)
      .expect('Content-Type', /text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).to.match(/attachment; filename="?register.csv"?/);
    const header = csv.text.split('\r\n')[0]!;
    expect(header.replace(/^\ufeff/, '').split(',')).to.include.members([
      'registration_number',
      'inn',
      'name_ky',
      'array_name',
      'transfer_countries',
      'security_measures',
    ]);
    const rows = csv.text.split(/\r\n(?=\d{4}-\d+,)/).filter((line) => line.startsWith(`${registrationNumber},`));
    expect(rows).to.have.length(2);
    expect(rows[0]).to.include(`,${inn},`).and.include('ОсОО «Открытые данные»').and.include(',Clients,').and.include(',KZ;RU,');
    expect(rows[1]).to.include(`"'=HYPERLINK(""x"")"`).and.include('"Line one\nline ""two"", three"');

    const json = await supertest(app)
      .get('/en/register/open-data/register.json')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    const data = JSON.parse(json.text) as {
      dictionary: string;
      organisations: { registration_number: string; url: string; arrays: { array_name: string; transfer_countries: string[] }[] }[];
    };
    expect(data.dictionary).to.match(/\/en\/register\/open-data$/);
    const entry = data.organisations.find((organisation) => organisation.registration_number === registrationNumber);
    expect(entry?.url).to.match(new RegExp(`/en/register/${registrationNumber}$`));
    expect(entry?.arrays.map((array) => array.array_name)).to.deep.equal(['Clients', '=HYPERLINK("x")']);
    expect(entry?.arrays[0]?.transfer_countries).to.deep.equal(['KZ', 'RU']);
  });

  it('the data dictionary describes every column of the files', async () => {
    const html = (await supertest(app).get('/en/register/open-data').expect(200)).text;
    for (const column of ['registration_number', 'inn', 'transfer_countries', 'subjects_informed', 'url', 'arrays'])
      expect(html).to.include(`<code>${column}</code>`);
    expect(html).to.include('href="/en/register/open-data/register.csv"');
  });
});
