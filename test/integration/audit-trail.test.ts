import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PNG } from '../support/files.ts';
import { signedInStaff, staffOfRole } from '../support/staff.ts';

/** The visible text of a page, tags and entities stripped, spaces collapsed. */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
}

describe('the readable audit trail', () => {
  let app: Express;
  let made: { caseId: number; reference: string; code: string };
  let reader: { agent: Agent; staff: { id: number } };
  let fileId: string;

  before(async () => {
    app = await buildApp();
    made = await createCase();
    // The citizen sends a photo; a supervisor of the test's own opens the case three times and downloads it.
    const space = browser(app);
    const signIn = await space.get('/en/track').expect(200);
    await space
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: made.reference, accessCode: made.code })
      .expect(303);
    const casePage = await space.get('/en/track/case').expect(200);
    await space
      .post(multipartActionFrom(casePage.text))
      .field('_csrf', csrfTokenFrom(casePage.text))
      .field('body', 'the letter')
      .attach('files', PNG, 'letter-photo.png')
      .expect(303);
    const file = await testDatabase().knex('attachments').where({ case_id: made.caseId }).first<{ id: string; file_name: string }>();
    fileId = file.id;
    reader = await signedInStaff(app, 'supervisor');
    for (let i = 0; i < 3; i++) await reader.agent.get(`/staff/cases/${made.reference}`).expect(200);
    await reader.agent.get(`/staff/cases/${made.reference}/files/${fileId}`).expect(200);
  });

  it('shows people by name and role, actions in words, a count for repeated reads and the downloads of the case', async () => {
    const { agent } = await staffOfRole(app, 'auditor');
    const page = await agent.get(`/staff/audit?caseReference=${made.reference.toLowerCase()}`).expect(200);
    const text = visible(page.text);
    const name = (await testDatabase().knex('staff_users').where({ id: reader.staff.id }).first<{ display_name: string }>()).display_name;
    expect(text).to.include(`${name} (Supervisor)`);
    expect(text).to.include('viewed the case 3 times');
    const fileName = (await testDatabase().knex('attachments').where({ id: fileId }).first<{ file_name: string }>()).file_name;
    expect(text).to.include(`downloaded evidence ${fileName}`);
    expect(text).to.include('submitted the case');
    expect(text).to.include('Personal data shown yes');
    expect(page.text).not.to.match(/\{&quot;|\{"/);
    expect(text).not.to.include('Staff 1');
  });

  it('words the trail in the reader’s language', async () => {
    const { agent } = await staffOfRole(app, 'auditor', 'ky');
    const text = visible((await agent.get(`/staff/audit?caseReference=${made.reference}`).expect(200)).text);
    expect(text).to.include('ишти карады').and.include('3 жолу').and.include('файлын жүктөп алды');
    const russian = visible((await (await staffOfRole(app, 'auditor', 'ru')).agent.get(`/staff/audit?caseReference=${made.reference}`).expect(200)).text);
    expect(russian).to.include('просмотр дела').and.include('3 раза').and.include('скачивание файла');
  });

  it('shows who saw the case to auditors and supervisors, from the case page, and to no one else', async () => {
    const auditor = (await staffOfRole(app, 'auditor')).agent;
    const casePage = await auditor.get(`/staff/cases/${made.reference}`).expect(200);
    expect(casePage.text).to.include(`/staff/cases/${made.reference}/readers`);
    const page = visible((await auditor.get(`/staff/cases/${made.reference}/readers`).expect(200)).text);
    const name = (await testDatabase().knex('staff_users').where({ id: reader.staff.id }).first<{ display_name: string }>()).display_name;
    expect(page).to.match(new RegExp(`${name} \\(Supervisor\\) 3 1 `));
    await reader.agent.get(`/staff/cases/${made.reference}/readers`).expect(200);
    for (const role of ['case_officer', 'admin', 'editor'] as const) {
      await (await staffOfRole(app, role)).agent.get(`/staff/cases/${made.reference}/readers`).expect(403);
    }
  });

  it('exports the filtered trail as CSV in words, and records the export', async () => {
    const { agent, staff } = await staffOfRole(app, 'auditor');
    const page = await agent.get(`/staff/audit?caseReference=${made.reference}`).expect(200);
    expect(page.text.replaceAll('&#x3D;', '=')).to.include(`/staff/audit/export.csv?caseReference=${made.reference}`);
    const response = await agent.get(`/staff/audit/export.csv?caseReference=${made.reference}`).expect(200);
    expect(response.headers['content-type']).to.match(/^text\/csv/);
    expect(response.text.startsWith('\ufeff#,Time,Person,Action,Item,Details')).to.equal(true);
    expect(response.text).to.include('viewed the case').and.include('downloaded evidence');
    const lines = response.text.trim().split('\r\n').length - 1;
    const event = await testDatabase()
      .knex('audit_events')
      .where({ action: 'audit.exported', actor_id: String(staff.id) })
      .orderBy('id', 'desc')
      .first<{ details: Record<string, unknown> }>();
    expect(event.details).to.deep.include({ format: 'csv', rows: lines, complete: true });
    expect(event.details.filters).to.deep.equal({ caseReference: made.reference });
    await (await staffOfRole(app, 'supervisor')).agent.get(`/staff/audit/export.csv`).expect(403);
  });
});
