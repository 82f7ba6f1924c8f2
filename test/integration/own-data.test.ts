/**
 * A citizen's own data on their case page: correcting their contact details (the old value kept for staff, the
 * officer told, the audit trail naming only the fields), and seeing who at the Agency opened the case — the
 * role and the time, never a name.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { staffOfRole } from '../support/staff.ts';

async function signIn(agent: Agent, reference: string, code: string, lang: string): Promise<void> {
  const page = await agent.get(`/${lang}/track`).expect(200);
  await agent
    .post(`/${lang}/track`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), reference, accessCode: code })
    .expect(303);
}

describe("the citizen's own data", () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('corrects their contact details: errors by the field, the old value kept for staff, the officer flagged, the audit without values', async () => {
    const { knex } = testDatabase();
    const tag = Date.now().toString(36);
    const { reference, code, caseId, email } = await createCase();
    const citizen = browser(app);
    await signIn(citizen, reference, code, 'ky');
    const casePage = await citizen.get('/ky/track/case').expect(200);
    expect(casePage.text).to.include('href="/ky/track/case/contact"');

    const form = await citizen.get('/ky/track/case/contact').expect(200);
    expect(form.text).to.include(`value="${email}"`);
    const refused = await citizen
      .post('/ky/track/case/contact')
      .type('form')
      .send({ _csrf: csrfTokenFrom(form.text), fullName: '', email: 'not-an-address', phone: '+996 555 123456' });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include('error-summary');
    expect(refused.text).to.include('value="not-an-address"');
    expect(refused.text).to.include('Толук аты-жөнүңүздү жазыңыз');
    expect((await knex('case_parties').where({ case_id: caseId }).first()).email).to.equal(email);

    const newEmail = `new.${tag}@example.kg`;
    const saved = await citizen
      .post('/ky/track/case/contact')
      .type('form')
      .send({ _csrf: csrfTokenFrom(form.text), fullName: `Жаңы Аты ${tag}`, email: newEmail, phone: '+996 555 123456' })
      .expect(303);
    expect(saved.headers.location).to.equal('/ky/track/case?corrected=1#yourdata-title');
    const after = await citizen.get('/ky/track/case?corrected=1').expect(200);
    expect(after.text).to.include('Байланыш маалыматтарыңыз оңдолду');
    expect(after.text).to.include('Сиз байланыш маалыматтарыңызды оңдодуңуз');

    const stored = await knex('cases').where({ id: caseId }).first();
    expect(stored.reply_pending_at).not.to.equal(null);
    expect(await knex('case_contact_corrections').where({ case_id: caseId }).orderBy('field')).to.have.length(3);
    const audit = await knex('audit_events').where({ action: 'case.contact_corrected', entity_id: reference });
    expect(audit).to.have.length(1);
    expect(audit[0].details).to.deep.equal({ fields: ['full_name', 'email', 'phone'] });
    expect(JSON.stringify(audit)).not.to.include(tag);
    expect(JSON.stringify(audit)).not.to.include(email);

    const { agent: officer } = await staffOfRole(app, 'supervisor');
    const staffPage = await officer.get(`/staff/cases/${reference}`).expect(200);
    expect(staffPage.text).to.include('Corrected by the citizen');
    expect(staffPage.text).to.include(`was “${email}”, now “${newEmail}”`);
    expect(staffPage.text).to.include('The citizen corrected their contact details');
    // Notices now go to the corrected address.
    expect((await knex('case_parties').where({ case_id: caseId }).first()).email).to.equal(newEmail);
  });

  it('shows who at the Agency opened the case: the role and the time, never the name', async () => {
    const { reference, code } = await createCase();
    const citizen = browser(app);
    await signIn(citizen, reference, code, 'en');
    const before = await citizen.get('/en/track/case').expect(200);
    expect(before.text).to.include('No one at the Agency has opened your case yet.');

    const { agent: officer, staff } = await staffOfRole(app, 'case_officer');
    const { agent: auditor, staff: auditorStaff } = await staffOfRole(app, 'auditor');
    await officer.get(`/staff/cases/${reference}`);
    await auditor.get(`/staff/cases/${reference}`).expect(200);
    const after = await citizen.get('/en/track/case').expect(200);
    const readers = /<h3 class="heading-s" id="readers-title">[\s\S]*?<\/table>/.exec(after.text)?.[0] ?? '';
    expect(readers).to.include('Auditor');
    expect(readers).to.include('<td>');
    const names = await testDatabase().knex('staff_users').whereIn('id', [staff.id, auditorStaff.id]).pluck('display_name');
    for (const name of names) expect(after.text).not.to.include(String(name));
    const ky = await citizen.get('/ky/track/case').expect(200);
    expect(ky.text).to.include('Аудитор');
  });

  it('an anonymous report has no contact details to correct', async () => {
    const { reference, code } = await createCase({ type: 'report', anonymous: true, parties: [] });
    const citizen = browser(app);
    await signIn(citizen, reference, code, 'en');
    const page = await citizen.get('/en/track/case').expect(200);
    expect(page.text).not.to.include('href="/en/track/case/contact"');
    await citizen.get('/en/track/case/contact').expect(303);
  });
});
