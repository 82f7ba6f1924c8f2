/**
 * A registered holder asks, from their own sign-in, to remove the entry from the register: the request is a new
 * registration case with its own reference and code; staff see what it concerns, and approving it marks the entry
 * ceased on the day the holder gave, which the public page then says.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { answer, receiptFrom } from '../support/journeys.ts';
import { ARRAY_ANSWERS, seededInn } from '../support/register.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';

const BASE = '/ky/register/new';
const FORM = '/ky/track/case/deregister';

const innFor = (seed: number): string => seededInn(seed, '2011');

/** Applies in Kyrgyz with one array and sends the application: its receipt. */
async function applyAndSend(holder: Agent, inn: string, name: string): Promise<{ reference: string; code: string }> {
  await holder.get(BASE).expect(200);
  const organisation = { inn, nameKy: `«${name}» ЖЧК`, nameRu: `ОсОО «${name}»`, nameEn: '', sector: 'retail', region: 'osh_city', address: 'Ош ш., 1' };
  await answer(holder, `${BASE}/organisation`, organisation);
  await answer(holder, `${BASE}/responsible`, { responsiblePerson: 'Айгүл Асанова', contactEmail: 'dpo-leaving@example.kg' });
  await answer(holder, `${BASE}/array-1`, { name: 'Кардарлар', ...ARRAY_ANSWERS, transferCountries: '', anotherArray: 'no' });
  await answer(holder, `${BASE}/declarations`, { accurate: 'yes', authorised: 'yes' });
  const check = await holder.get(`${BASE}/check`).expect(200);
  await holder
    .post(`${BASE}/check`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(check.text), website: '' })
    .expect(303);
  return receiptFrom((await holder.get('/ky/register/submitted').expect(200)).text);
}

async function signIn(holder: Agent, lang: string, receipt: { reference: string; code: string }): Promise<void> {
  const page = await holder.get(`/${lang}/track`).expect(200);
  await holder
    .post(`/${lang}/track`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), reference: receipt.reference, accessCode: receipt.code })
    .expect(303);
}

async function postForm(holder: Agent, fields: Record<string, string>, status: number, url = FORM) {
  const page = await holder.get(url).expect(200);
  return holder
    .post(url)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(page.text) })
    .expect(status);
}

describe('a holder asks to remove their entry from the register', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  async function registered(seed: number) {
    const holder = browser(app);
    const name = `Кетүү${Date.now().toString(36)}${String(seed)}`;
    const inn = innFor((Date.now() + seed) % 100_000);
    const first = await applyAndSend(holder, inn, name);
    const { agent: officer } = await staffOfRole(app, 'supervisor');
    const act = (reference: string, transition: string, fields: Record<string, string> = {}) =>
      staffPost(officer, `/staff/cases/${reference}`, `/staff/cases/${reference}/transitions`, { transition, ...fields }, 303);
    await act(first.reference, 'start_review');
    await act(first.reference, 'register_entry');
    const { knex } = testDatabase();
    const entry = await knex('organisations').where({ inn }).first('id', 'registration_number');
    return { holder, officer, act, first, inn, name, id: entry.id as number, number: entry.registration_number as string };
  }

  it('asks with reasons and a date, staff approve, the public entry shows it ceased on that day', async () => {
    const { holder, officer, act, first, inn, id, number } = await registered(1);
    await signIn(holder, 'ky', first);
    const space = (await holder.get('/ky/track/case').expect(200)).text;
    expect(space).to.include(`href="${FORM}"`);
    expect(space).to.include('Чыгаруу тууралуу арыз берүү');
    // Without the page's token nothing is sent.
    await holder.post(FORM).type('form').send({ reason: 'stopped' }).expect(403);

    // Bad input: each message beside its field, in Kyrgyz, with what was typed kept.
    const empty = (await postForm(holder, { otherText: 'Бир нерсе' }, 400)).text;
    for (const message of ['Жазууну эмне үчүн чыгаруу керек экенин тандаңыз', 'Арызды жөнөтүү үчүн ырастаңыз', 'error-summary']) {
      expect(empty).to.include(message);
    }
    expect(empty).to.include('Бир нерсе');
    const future = { reason: 'other', otherText: '', 'stoppedOn-day': '1', 'stoppedOn-month': '1', 'stoppedOn-year': '2099', declaration: 'yes' };
    const late = (await postForm(holder, future, 400)).text;
    expect(late).to.include('Иштетүү токтогон күн бүгүн же мурда болушу керек');
    expect(late).to.include('Башка себепти сүрөттөңүз');
    expect(late).to.include('value="2099"');
    const past = { 'stoppedOn-day': '30', 'stoppedOn-month': '9', 'stoppedOn-year': '2025', declaration: 'yes' };
    expect((await postForm(holder, { ...past, reason: 'merged', mergedInn: '' }, 400)).text).to.include('Уюм кошулган уюмдун СТИсин (ИНН) жазыңыз');
    expect((await postForm(holder, { ...past, reason: 'merged', mergedInn: inn }, 400)).text).to.include('Бул уюмдун эмес, башка уюмдун СТИсин');
    expect((await postForm(holder, { ...past, reason: 'merged', mergedInn: '0210 3199' }, 400)).text).to.include('СТИде (ИНН) 14 цифра болушу керек');

    const into = innFor((Date.now() + 40) % 100_000);
    const sent = await postForm(holder, { ...past, reason: 'merged', mergedInn: `${into.slice(0, 4)} ${into.slice(4)}` }, 303);
    expect(sent.headers.location).to.equal('/ky/register/submitted');
    const receiptPage = (await holder.get('/ky/register/submitted').expect(200)).text;
    expect(receiptPage).to.include('Жазууну чыгаруу тууралуу арызыңыз жөнөтүлдү');
    const request = receiptFrom(receiptPage);
    // The receipt kept as a file says what was sent too.
    const file = await holder
      .post('/ky/register/submitted/download')
      .type('form')
      .send({ _csrf: csrfTokenFrom(receiptPage), code: request.code })
      .expect(200);
    expect(file.text).to.include('Жазууну чыгаруу тууралуу арызыңыз жөнөтүлдү').and.include(request.reference);
    expect(request.reference).not.to.equal(first.reference);

    const { knex } = testDatabase();
    const stored = await knex('cases').where({ reference: request.reference }).first();
    expect(stored).to.include({ type: 'registration', status: 'submitted', organisation_id: id });
    expect(stored.answers.deregistration).to.deep.include({ reason: 'merged', mergedInn: into, stoppedOn: '2025-09-30' });
    // The registration's contact person is the request's: every e-mail about it goes to them.
    expect(await knex('case_parties').where({ case_id: stored.id }).first('role', 'email', 'full_name')).to.deep.equal({
      role: 'contact',
      email: 'dpo-leaving@example.kg',
      full_name: 'Айгүл Асанова',
    });
    // A second request while this one is reviewed is not taken.
    expect((await holder.get(FORM).expect(200)).text).to.include(request.reference);
    const token = csrfTokenFrom((await holder.get('/ky/track/case').expect(200)).text);
    await holder
      .post(FORM)
      .type('form')
      .send({ ...past, reason: 'stopped', _csrf: token })
      .expect(409);
    // Nothing changes in public before staff approve.
    expect((await supertest(app).get(`/en/register/${number}`).expect(200)).text).not.to.include('stopped processing personal data on');

    // The queue names it for what it is.
    const queue = (await officer.get('/staff/cases').query({ q: request.reference }).expect(200)).text;
    expect(queue).to.include('Request to remove a register entry');
    const staffPage = (await officer.get(`/staff/cases/${request.reference}`).expect(200)).text;
    for (const text of [
      'Deregistration request',
      `removes entry No. ${number}`,
      `href="/staff/register/${String(id)}"`,
      'It merged into another organisation',
      into,
    ]) {
      expect(staffPage).to.include(text);
    }
    await act(request.reference, 'start_review');
    expect((await officer.get(`/staff/cases/${request.reference}`).expect(200)).text).to.include('Approve and mark ceased');
    await act(request.reference, 'register_entry');

    expect(await knex('organisations').where({ id }).first('status', knex.raw(`to_char(ceased_on, 'YYYY-MM-DD') as ceased_on`))).to.deep.equal({
      status: 'ceased',
      ceased_on: '2025-09-30',
    });
    expect(await knex('register_changes').where({ organisation_id: id }).orderBy('id').pluck('action')).to.deep.equal(['registered', 'ceased']);
    expect(await knex('mail_outbox').where({ case_id: stored.id, template: 'case-entry-ceased' })).to.have.length(1);
    expect(await knex('audit_events').where({ action: 'register.ceased', entity_id: String(id) })).to.have.length(1);
    const publicPage = (await supertest(app).get(`/en/register/${number}`).expect(200)).text;
    expect(publicPage).to.include('This organisation stopped processing personal data on');
    expect(publicPage).to.include('2025');

    // The holder follows the request with its own reference: removed, in their words.
    const follower = browser(app);
    await signIn(follower, 'ky', request);
    const followed = (await follower.get('/ky/track/case').expect(200)).text;
    expect(followed).to.include('Чыгарылды: жазуу токтотулган деп белгиленди');
    expect(followed).to.include('Жазуу реестрде токтотулган деп белгиленди');
    // The entry is ceased: nobody may ask again.
    await follower.get(FORM).expect(404);
  });

  it('staff may refuse a request with a reason: the entry stays registered', async () => {
    const { holder, officer, act, first, id } = await registered(2);
    await signIn(holder, 'ru', first);
    const form = (await holder.get('/ru/track/case/deregister').expect(200)).text;
    expect(form).to.include('Заявление об исключении записи из реестра');
    const fields = { reason: 'liquidated', 'stoppedOn-day': '1', 'stoppedOn-month': '11', 'stoppedOn-year': '2026', declaration: 'yes' };
    await postForm(holder, fields, 303, '/ru/track/case/deregister');
    const request = receiptFrom((await holder.get('/ru/register/submitted').expect(200)).text);
    await act(request.reference, 'start_review');
    const page = `/staff/cases/${request.reference}`;
    await staffPost(officer, page, `${page}/transitions`, { transition: 'refuse_registration', reasonText: '' }, 400);
    await act(request.reference, 'refuse_registration', { reasonText: 'Уюм дагы эле иштеп жатат.' });
    expect((await testDatabase().knex('organisations').where({ id }).first('status')).status).to.equal('registered');
  });

  it('sent twice at once (two tabs, a double click), files one request and says the other is being reviewed', async () => {
    const { holder, first, id } = await registered(3);
    await signIn(holder, 'en', first);
    const token = csrfTokenFrom((await holder.get('/en/track/case/deregister').expect(200)).text);
    const fields = { reason: 'stopped', 'stoppedOn-day': '2', 'stoppedOn-month': '11', 'stoppedOn-year': '2026', declaration: 'yes', _csrf: token };
    const answers = await Promise.all([0, 1, 2].map(() => holder.post('/en/track/case/deregister').type('form').send(fields)));
    expect(answers.map((answer) => answer.status).sort()).to.deep.equal([303, 409, 409]);
    const { knex } = testDatabase();
    const filed = await knex('cases').where({ type: 'registration', organisation_id: id }).whereRaw(`answers -> 'deregisters' is not null`);
    expect(filed).to.have.length(1);
    for (const refused of answers.filter((answer) => answer.status === 409)) expect(refused.text).to.include(filed[0].reference);
  });

  it('is offered only on a case whose entry is in the register', async () => {
    const holder = browser(app);
    const pending = await applyAndSend(holder, innFor((Date.now() + 77) % 100_000), `Жаңы${Date.now().toString(36)}`);
    await signIn(holder, 'en', pending);
    expect((await holder.get('/en/track/case').expect(200)).text).not.to.include('/en/track/case/deregister');
    await holder.get('/en/track/case/deregister').expect(404);
  });

  for (const lang of ['ky', 'ru', 'en']) {
    it(`${lang}: the form renders with its questions`, async () => {
      const { holder, first } = await registered(10 + lang.length + lang.charCodeAt(0));
      await signIn(holder, lang, first);
      const page = (await holder.get(`/${lang}/track/case/deregister`).expect(200)).text;
      for (const name of ['name="reason"', 'name="mergedInn"', 'name="otherText"', 'name="stoppedOn-day"', 'name="declaration"']) expect(page).to.include(name);
    });
  }
});
