import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import type { Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { staffOfRole } from '../support/staff.ts';

/** Collects a binary response body (supertest parses only text by default). */
function binary(
  res: Parameters<Exclude<Parameters<ReturnType<Agent['get']>['parse']>[0], (str: string) => unknown>>[0],
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function exportEvents(staffId: number) {
  return testDatabase()
    .knex('audit_events')
    .where({ action: 'case.queue.exported', actor_id: String(staffId) })
    .orderBy('id', 'desc')
    .select<{ details: Record<string, unknown> }[]>('details');
}

describe('queue exports (CSV and XLSX)', () => {
  let app: Express;
  const organisation = `Export Bank ${randomUUID().slice(0, 8)}`;
  const query = `?status=all&q=${encodeURIComponent(organisation)}`;
  const emails: string[] = [];

  before(async () => {
    app = await buildApp();
    for (const name of ['=HYPERLINK("http://evil.example")', 'Асанов Бакыт уулу']) {
      const made = await createCase({
        organisationName: organisation,
        parties: [
          {
            role: 'complainant',
            full_name: name,
            email: `export.${randomUUID().slice(0, 6)}@example.kg`,
            postal_address: null,
            phone: '+996 555 123 456',
            position: null,
            preferred_language: 'ru',
            identity_may_be_shared: true,
          },
        ],
      });
      const party = await testDatabase().knex('case_parties').where({ case_id: made.caseId }).first<{ email: string }>('email');
      emails.push(party.email);
    }
  });

  it('offers the current filter as CSV and XLSX on the queue, to roles that may export', async () => {
    const { agent } = await staffOfRole(app, 'supervisor');
    const page = await agent.get(`/staff/cases${query}`).expect(200);
    const links = [...page.text.matchAll(/href="(\/staff\/cases\/export\.\w+\?[^"]*)"/g)].map((match) =>
      (match[1] ?? '').replaceAll('&amp;', '&').replaceAll('&#x3D;', '='),
    );
    const q = encodeURIComponent(organisation).replaceAll('%20', '+');
    expect(links).to.deep.equal([`/staff/cases/export.csv?status=all&q=${q}&sort=deadline`, `/staff/cases/export.xlsx?status=all&q=${q}&sort=deadline`]);
    const officer = await staffOfRole(app, 'case_officer');
    const officerPage = await officer.agent.get(`/staff/cases${query}`).expect(200);
    expect(officerPage.text).not.to.include('/staff/cases/export.csv');
  });

  it('gives a supervisor a UTF-8 CSV with the applicants, formulas made inert, and records the export', async () => {
    const { agent, staff } = await staffOfRole(app, 'supervisor');
    const response = await agent.get(`/staff/cases/export.csv${query}`).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).to.match(/attachment; filename="?cases-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith('\ufeffReference,Type,Status')).to.equal(true);
    const lines = text.trim().split('\r\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.include("Applicant,Applicant's e-mail,Applicant's phone");
    expect(text).to.include(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).to.include('Асанов Бакыт уулу');
    for (const email of emails) expect(text).to.include(email);
    const [event] = await exportEvents(staff.id);
    expect(event?.details).to.deep.include({ format: 'csv', rows: 2, complete: true, personalData: true, search: 'text' });
    expect(event?.details.filters).to.deep.include({ status: 'all' });
    expect(JSON.stringify(event?.details)).not.to.include(organisation);
  });

  it('gives an admin the cases without any personal data columns', async () => {
    const { agent, staff } = await staffOfRole(app, 'admin');
    const response = await agent.get(`/staff/cases/export.csv${query}`).buffer(true).parse(binary).expect(200);
    const text = (response.body as Buffer).toString('utf8');
    expect(text.split('\r\n')[0]).to.equal('\ufeffReference,Type,Status,Language of the case,Organisation,Sector,Received,Answer due,Officer');
    expect(text).to.include(organisation);
    expect(text).not.to.include('Асанов');
    expect(text).not.to.include('HYPERLINK');
    for (const email of emails) expect(text).not.to.include(email);
    expect(text).not.to.include('+996');
    const [event] = await exportEvents(staff.id);
    expect(event?.details).to.deep.include({ format: 'csv', rows: 2, personalData: false });
  });

  it('gives an auditor an XLSX workbook with the applicants, and records it', async () => {
    const { agent, staff } = await staffOfRole(app, 'auditor');
    const response = await agent.get(`/staff/cases/export.xlsx${query}`).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).to.include('spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(response.body as Buffer).buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).to.equal('Cases');
    const values = sheet?.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])) ?? [];
    expect(values).to.include('Applicant');
    expect(values).to.include('Асанов Бакыт уулу');
    expect(values).to.include(emails[0]);
    expect(values).to.include(organisation);
    const [event] = await exportEvents(staff.id);
    expect(event?.details).to.deep.include({ format: 'xlsx', rows: 2, complete: true, personalData: true });
  });

  it('refuses case officers and editors (403) and shows a bad filter with its error', async () => {
    for (const role of ['case_officer', 'editor'] as const) {
      const { agent } = await staffOfRole(app, role);
      await agent.get(`/staff/cases/export.csv${query}`).expect(403);
      await agent.get(`/staff/cases/export.xlsx${query}`).expect(403);
    }
    const supervisor: Agent = (await staffOfRole(app, 'supervisor')).agent;
    const bad = await supervisor.get('/staff/cases/export.csv?sector=nowhere').expect(400);
    expect(bad.headers['content-type']).to.match(/text\/html/);
    expect(bad.text).to.include('error-summary');
  });
});
