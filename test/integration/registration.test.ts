/**
 * The register application end to end, as its people would do it: a holder applies in Kyrgyz, staff return the
 * application for changes, the holder answers, staff register it, and only then does the public register show it.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { answer, receiptFrom } from '../support/journeys.ts';
import { createOrganisation, ARRAY_ANSWERS, seededInn } from '../support/register.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';

const BASE = '/ky/register/new';

const innFor = (seed: number): string => seededInn(seed, '2010');

async function apply(agent: Agent, inn: string, name: string): Promise<void> {
  await answer(agent, `${BASE}/organisation`, {
    inn: `${inn.slice(0, 4)} ${inn.slice(4, 9)}-${inn.slice(9)}`,
    nameKy: `«${name}» ЖЧК`,
    nameRu: `ОсОО «${name}»`,
    nameEn: '',
    sector: 'retail',
    region: 'osh_city',
    address: 'Ош ш., Ленин к., 1',
  });
  await answer(agent, `${BASE}/responsible`, {
    responsiblePerson: 'Айгүл Асанова',
    position: '',
    contactEmail: 'dpo@example.kg',
    contactPhone: '',
    contactAddress: '',
  });
  await answer(agent, `${BASE}/array-1`, { name: 'Кардарлар', ...ARRAY_ANSWERS, transferCountries: 'Казакстан, DE', anotherArray: 'yes' });
  await answer(agent, `${BASE}/array-2`, { name: 'Кызматкерлер', ...ARRAY_ANSWERS, transferCountries: '', anotherArray: 'no' });
  await answer(agent, `${BASE}/declarations`, { accurate: 'yes', authorised: 'yes' });
}

async function send(agent: Agent): Promise<{ reference: string; code: string }> {
  const check = await agent.get(`${BASE}/check`).expect(200);
  await agent
    .post(`${BASE}/check`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(check.text), website: '' })
    .expect(303);
  return receiptFrom((await agent.get('/ky/register/submitted').expect(200)).text);
}

describe('registration in the register of holders', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('apply in Kyrgyz, returned for changes, answered, registered: published only after approval', async () => {
    const name = `Базар${Date.now().toString(36)}`;
    const inn = innFor(Date.now() % 100_000);
    const holder = browser(app);
    expect((await holder.get('/ky/register/apply').expect(303)).headers.location).to.equal(BASE);
    await holder.get(BASE).expect(200);
    await apply(holder, inn, name);
    const { reference, code } = await send(holder);

    // Nothing the applicant typed is public before a member of staff registers it.
    const before = (await supertest(app).get('/ky/register').query({ q: inn }).expect(200)).text;
    expect(before).not.to.include(name);

    const { agent: officer } = await staffOfRole(app, 'supervisor');
    const page = `/staff/cases/${reference}`;
    const act = (fields: Record<string, string>) => staffPost(officer, page, `${page}/transitions`, fields, 303);
    await act({ transition: 'start_review' });
    await act({ transition: 'return_for_changes', message: 'Маалыматтарды сактоо мөөнөтүн тактаңыз.' });

    // The holder signs in with the reference and code, reads the request and answers: the review goes on.
    const track = await holder.get('/ky/track').expect(200);
    await holder
      .post('/ky/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(track.text), reference, accessCode: code })
      .expect(303);
    const space = await holder.get('/ky/track/case').expect(200);
    expect(space.text).to.include('Маалыматтарды сактоо мөөнөтүн тактаңыз.');
    await holder.post(multipartActionFrom(space.text)).field('_csrf', csrfTokenFrom(space.text)).field('body', 'Сактоо мөөнөтү — 5 жыл.').expect(303);
    const { knex } = testDatabase();
    expect((await knex('cases').where({ reference }).first('status'))?.status).to.equal('in_review');

    await act({ transition: 'register_entry' });
    const found = await knex('organisations').where({ inn }).first('registration_number');
    expect(found?.registration_number).to.match(/^\d{4}-\d{5}$/);
    // The application now belongs to the entry: the entry's staff page lists it.
    const { id } = await knex('organisations').where({ inn }).first('id');
    expect((await officer.get(`/staff/register/${String(id)}`).expect(200)).text).to.include(`href="/staff/cases/${reference}"`);
    const entry = (
      await supertest(app)
        .get(`/ky/register/${found?.registration_number as string}`)
        .expect(200)
    ).text;
    for (const text of [`«${name}» ЖЧК`, 'Кардарлар', 'Кызматкерлер', 'Казакстан, Германия', 'dpo@example.kg']) expect(entry).to.include(text);
    const after = (await supertest(app).get('/ru/register').query({ q: name }).expect(200)).text;
    expect(after).to.include(`/ru/register/${found?.registration_number as string}`);
    expect(
      await knex('register_changes').join('organisations', 'organisations.id', 'register_changes.organisation_id').where({ inn }).select('action'),
    ).to.deep.equal([{ action: 'registered' }]);
  });

  it('the holder changes the registered entry from their sign-in: the forms start from it, staff approve, arrays replaced', async () => {
    const name = `Өзгөрүү${Date.now().toString(36)}`;
    const inn = innFor((Date.now() + 3) % 100_000);
    const holder = browser(app);
    await holder.get(BASE).expect(200);
    await apply(holder, inn, name);
    const first = await send(holder);
    const { agent: officer } = await staffOfRole(app, 'supervisor');
    const register = async (reference: string) => {
      const page = `/staff/cases/${reference}`;
      for (const transition of ['start_review', 'register_entry']) await staffPost(officer, page, `${page}/transitions`, { transition }, 303);
    };
    await register(first.reference);

    const track = await holder.get('/ky/track').expect(200);
    await holder
      .post('/ky/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(track.text), reference: first.reference, accessCode: first.code })
      .expect(303);
    const space = await holder.get('/ky/track/case').expect(200);
    expect(space.text).to.include('Жазууну өзгөртүү');
    // Without the page's token the change does not start.
    await holder.post('/ky/track/case/amend').type('form').send({}).expect(403);
    const started = await holder
      .post('/ky/track/case/amend')
      .type('form')
      .send({ _csrf: csrfTokenFrom(space.text) })
      .expect(303);
    expect(started.headers.location).to.equal(`${BASE}/organisation`);
    const form = (await holder.get(`${BASE}/organisation`).expect(200)).text;
    expect(form).to.include(`value="«${name}» ЖЧК"`);
    expect(form).to.include('Ош ш., Ленин к., 1');
    const organisation = {
      inn,
      nameKy: `«${name}» ЖЧК`,
      nameRu: `ОсОО «${name}»`,
      nameEn: '',
      sector: 'retail',
      region: 'bishkek',
      address: 'Бишкек ш., Чүй пр., 10',
    };
    // An amendment keeps the entry's ИНН.
    const otherInn = await answer(holder, `${BASE}/organisation`, { ...organisation, inn: innFor((Date.now() + 5) % 100_000) }, 400);
    expect(otherInn.text).to.include('Өзгөртүү тууралуу арыз');
    await answer(holder, `${BASE}/organisation`, organisation);
    expect((await holder.get(`${BASE}/responsible`).expect(200)).text).to.include('dpo@example.kg');
    await answer(holder, `${BASE}/responsible`, {
      responsiblePerson: 'Айгүл Асанова',
      position: '',
      contactEmail: 'dpo@example.kg',
      contactPhone: '',
      contactAddress: '',
    });
    // The entry's own array keeps its name: it is the same array, changed; the second one is left out.
    await answer(holder, `${BASE}/array-1`, { name: 'Кардарлар', ...ARRAY_ANSWERS, retention: '3 жыл', transferCountries: 'Казакстан', anotherArray: 'no' });
    await answer(holder, `${BASE}/declarations`, { accurate: 'yes', authorised: 'yes' });
    expect((await holder.get(`${BASE}/check`).expect(200)).text).to.include('Сиз реестрдеги №');
    const second = await send(holder);

    const { knex } = testDatabase();
    const { registration_number: number } = await knex('organisations').where({ inn }).first('registration_number');
    // Until staff approve it, the public entry is unchanged.
    expect(
      (
        await supertest(app)
          .get(`/ky/register/${number as string}`)
          .expect(200)
      ).text,
    ).to.include('Кызматкерлер');
    // Staff see what they approve: an amendment of that entry.
    expect((await officer.get(`/staff/cases/${second.reference}`).expect(200)).text).to.match(
      new RegExp(`(Amendment of entry No\\.|Изменение записи №|№) ${number as string}`),
    );
    await register(second.reference);
    const entry = (
      await supertest(app)
        .get(`/ky/register/${number as string}`)
        .expect(200)
    ).text;
    expect(entry).to.include('Бишкек ш., Чүй пр., 10');
    expect(entry).to.include('3 жыл');
    expect(entry).not.to.include('Кызматкерлер');
    expect(await knex('organisations').where({ inn }).count<{ count: string }[]>('* as count')).to.deep.equal([{ count: 1 }]);
    const changes = await knex('register_changes')
      .join('organisations', 'organisations.id', 'register_changes.organisation_id')
      .where({ inn })
      .orderBy('register_changes.id')
      .pluck('action');
    expect(changes).to.deep.equal(['registered', 'amended']);
  });

  it('refusing an application publishes nothing and needs a reason', async () => {
    const inn = innFor((Date.now() + 7) % 100_000);
    const holder = browser(app);
    await holder.get(BASE).expect(200);
    await apply(holder, inn, `Refused${Date.now().toString(36)}`);
    const { reference } = await send(holder);
    const { agent: officer } = await staffOfRole(app, 'supervisor');
    const page = `/staff/cases/${reference}`;
    await staffPost(officer, page, `${page}/transitions`, { transition: 'start_review' }, 303);
    await staffPost(officer, page, `${page}/transitions`, { transition: 'refuse_registration', reasonText: '' }, 400);
    await staffPost(officer, page, `${page}/transitions`, { transition: 'refuse_registration', reasonText: 'Уюм жоюлган.' }, 303);
    expect(await testDatabase().knex('organisations').where({ inn }).first()).to.equal(undefined);
    // An appeal's transitions are not offered on an application, nor accepted.
    await staffPost(officer, page, `${page}/transitions`, { transition: 'accept' }, 409);
  });

  it('bad input: ИНН of a wrong length or check, a country not in the list, an oversize field, a duplicate array', async () => {
    const holder = browser(app);
    await holder.get(BASE).expect(200);
    const organisation = { nameKy: 'А', nameRu: 'А', nameEn: '', sector: 'retail', region: 'osh', address: 'Ош' };
    for (const [inn, message] of [
      ['0210 3199', 'СТИде (ИНН) 14 цифра болушу керек'],
      ['32103199510012', 'Бул туура эмес СТИ (ИНН): цифраларды текшериңиз'],
      ['0210319951001x', 'СТИде (ИНН) цифралар, боштуктар жана дефистер гана болушу мүмкүн'],
    ] as const) {
      const refused = await answer(holder, `${BASE}/organisation`, { ...organisation, inn }, 400);
      expect(refused.text).to.include(message);
      expect(refused.text).to.include(`value="${inn}"`);
    }
    const registered = await createOrganisation();
    await answer(holder, `${BASE}/organisation`, { ...organisation, inn: registered.inn });
    await answer(holder, `${BASE}/responsible`, { responsiblePerson: 'A', contactEmail: 'a@example.kg' });
    const country = await answer(
      holder,
      `${BASE}/array-1`,
      { name: 'Жаңы', ...ARRAY_ANSWERS, transferCountries: 'Казакстан, Нарния', anotherArray: 'no' },
      400,
    );
    expect(country.text).to.include('Өлкөлөрдүн бири өлкөлөрдүн тизмесинде жок');
    expect(country.text).to.include('Казакстан, Нарния');
    const oversize = await answer(holder, `${BASE}/array-1`, { name: 'Жаңы', ...ARRAY_ANSWERS, purposes: 'x'.repeat(3001), anotherArray: 'no' }, 400);
    expect(oversize.text).to.include('3000');
    // The factory's organisation already has an array called "Customers".
    const duplicate = await answer(holder, `${BASE}/array-1`, { name: 'customers', ...ARRAY_ANSWERS, transferCountries: '', anotherArray: 'yes' }, 400);
    expect(duplicate.text).to.include('Бул уюмдун реестринде мындай аталыштагы массив бар');
    await answer(holder, `${BASE}/array-1`, { name: 'Жаңы', ...ARRAY_ANSWERS, transferCountries: '', anotherArray: 'yes' });
    const twice = await answer(holder, `${BASE}/array-2`, { name: 'жаңы', ...ARRAY_ANSWERS, transferCountries: '', anotherArray: 'no' }, 400);
    expect(twice.text).to.include('Мындай аталыштагы массивди мурда көрсөттүңүз');
  });

  for (const lang of ['ky', 'ru', 'en']) {
    it(`${lang}: the application's start page and first step render`, async () => {
      const start = await supertest(app).get(`/${lang}/register/new`).expect(200);
      expect(start.text).to.include(`href="/${lang}/register/new/organisation"`);
      await supertest(app).get(`/${lang}/register/new/organisation`).expect(200);
    });
  }
});
