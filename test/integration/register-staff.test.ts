/** /staff/register: staff find an entry, correct it with history and audit, and mark an organisation ceased. */
import { expect } from 'chai';
import type { Express } from 'express';
import { decodeHTML } from 'entities';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { formState } from '../support/html.ts';
import { createCase } from '../support/factories.ts';
import { createOrganisation, testArray } from '../support/register.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';

describe('staff manage the register', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('finds an entry, changes it (an array added, one removed) and shows who changed what; the public page follows', async () => {
    const word = `Staffedit${Date.now().toString(36)}`;
    const { id, registrationNumber } = await createOrganisation({
      nameRu: `ОсОО «${word}»`,
      arrays: [testArray({ name: 'Clients' }), testArray({ name: 'Old' })],
    });
    const { agent } = await staffOfRole(app, 'supervisor');
    const list = (await agent.get('/staff/register').query({ q: word }).expect(200)).text;
    expect(list).to.include(`href="/staff/register/${String(id)}"`);

    const editUrl = `/staff/register/${String(id)}/edit`;
    const form = formState((await agent.get(editUrl).expect(200)).text, { action: editUrl });
    expect(form.a0_name).to.deep.equal(['Clients']);
    const fields = Object.fromEntries(Object.entries(form).map(([name, values]) => [name, values[0] ?? '']));
    const saved = await staffPost(agent, editUrl, editUrl, {
      ...fields,
      address: 'Bishkek, Toktogul 2',
      a1_remove: 'yes',
      a2_name: 'Video',
      a2_purposes: 'Safety',
      a2_transferCountries: 'Türkiye',
    });
    expect(saved.status, saved.text.slice(0, 500)).to.equal(303);

    const page = decodeHTML((await agent.get(`/staff/register/${String(id)}`).expect(200)).text);
    expect(page).to.include('Changed');
    expect(page).to.match(/Address, [^<]*Registered arrays of personal data/);
    const entry = (await supertest(app).get(`/en/register/${registrationNumber}`).expect(200)).text;
    expect(entry).to.include('Bishkek, Toktogul 2').and.include('Video').and.include('Türkiye').and.not.include('>Old<');
    const { knex } = testDatabase();
    expect(await knex('audit_events').where({ action: 'register.amended', entity_id: String(id), actor_type: 'staff' })).to.have.length(1);
  });

  it('refuses bad input beside the field, keeping what was typed, and stores nothing', async () => {
    const { id } = await createOrganisation();
    const { agent } = await staffOfRole(app, 'supervisor');
    const editUrl = `/staff/register/${String(id)}/edit`;
    const form = formState((await agent.get(editUrl).expect(200)).text, { action: editUrl });
    const fields = Object.fromEntries(Object.entries(form).map(([name, values]) => [name, values[0] ?? '']));
    const refused = await staffPost(agent, editUrl, editUrl, { ...fields, inn: '1234', a0_transferCountries: 'Narnia', address: 'Kept address' }, 400);
    expect(refused.text).to.include('<a href="#inn">Enter a valid 14-digit INN</a>');
    expect(refused.text, refused.text.slice(refused.text.indexOf('error-summary'), refused.text.indexOf('error-summary') + 900)).to.include(
      'One of the countries is not in the list of countries',
    );
    expect(refused.text).to.include('value="1234"').and.include('Narnia').and.include('Kept address');
    expect(await testDatabase().knex('register_changes').where({ organisation_id: id })).to.have.length(1);
  });

  it('marks an organisation ceased (a date required) and active again', async () => {
    const { id, registrationNumber } = await createOrganisation();
    const { agent } = await staffOfRole(app, 'supervisor');
    const page = `/staff/register/${String(id)}`;
    const refused = await staffPost(agent, page, `${page}/cease`, { action: 'cease', ceasedOn: '31.11.2026' }, 400);
    expect(refused.text).to.include('Enter the date as YYYY-MM-DD');
    await staffPost(agent, page, `${page}/cease`, { action: 'cease', ceasedOn: '2026-11-30' }, 303);
    expect((await supertest(app).get(`/en/register/${registrationNumber}`).expect(200)).text).to.include(
      'stopped processing personal data on 30 November 2026',
    );
    await staffPost(agent, page, `${page}/cease`, { action: 'reinstate' }, 303);
    expect((await supertest(app).get(`/en/register/${registrationNumber}`).expect(200)).text).not.to.include('stopped processing');
  });

  it('merges a duplicate: its arrays of other names and its cases move, it is marked ceased; bad numbers are refused', async () => {
    const kept = await createOrganisation({ arrays: [testArray({ name: 'Clients' })] });
    const duplicate = await createOrganisation({ arrays: [testArray({ name: 'clients' }), testArray({ name: 'Staff' })] });
    const { knex } = testDatabase();
    const { caseId } = await createCase();
    await knex('cases').where({ id: caseId }).update({ organisation_id: duplicate.id });
    const { agent } = await staffOfRole(app, 'supervisor');
    const page = `/staff/register/${String(kept.id)}`;
    for (const [number, message] of [
      ['2026-1', 'Enter the duplicate’s registration number'],
      ['1999-99999', 'No entry has this registration number'],
      [kept.registrationNumber, 'This is the entry itself'],
    ] as const) {
      const refused = await staffPost(agent, page, `${page}/merge`, { duplicate: number }, 400);
      expect(decodeHTML(refused.text), number).to.include(message);
    }
    await staffPost(agent, page, `${page}/merge`, { duplicate: duplicate.registrationNumber }, 303);
    const arrays = await knex('register_arrays').where({ organisation_id: kept.id }).orderBy('position').pluck('name');
    expect(arrays).to.deep.equal(['Clients', 'Staff']);
    expect(await knex('organisations').where({ id: duplicate.id }).first('status')).to.deep.equal({ status: 'ceased' });
    expect(await knex('cases').where({ id: caseId }).first('organisation_id')).to.deep.equal({ organisation_id: kept.id });
    expect(await knex('register_changes').where({ organisation_id: duplicate.id }).orderBy('id').pluck('action')).to.deep.equal(['registered', 'merged']);
    expect(decodeHTML((await agent.get(`/staff/register/${String(duplicate.id)}`).expect(200)).text)).to.include('Merged into another entry');
    const again = await staffPost(agent, page, `${page}/merge`, { duplicate: duplicate.registrationNumber }, 400);
    expect(again.text).to.include('This entry is already marked as ceased');
  });

  it('lets auditors read the register but not change it, and editors not even read it', async () => {
    const { id } = await createOrganisation();
    const { agent: auditor } = await staffOfRole(app, 'auditor');
    const page = (await auditor.get(`/staff/register/${String(id)}`).expect(200)).text;
    expect(page).not.to.include('/edit"');
    await auditor.get(`/staff/register/${String(id)}/edit`).expect(403);
    await staffPost(auditor, `/staff/register/${String(id)}`, `/staff/register/${String(id)}/cease`, { action: 'reinstate' }, 403);
    const { agent: editor } = await staffOfRole(app, 'editor');
    await editor.get('/staff/register').expect(403);
  });

  for (const lang of ['ky', 'ru', 'en'] as const) {
    it(`${lang}: the staff register pages render`, async () => {
      const { id } = await createOrganisation();
      const { agent } = await staffOfRole(app, 'supervisor', lang);
      for (const path of ['/staff/register', `/staff/register/${String(id)}`, `/staff/register/${String(id)}/edit`]) {
        const response = await agent.get(path).expect(200);
        expect(response.text).to.include(`<html lang="${lang}">`);
      }
    });
  }
});
