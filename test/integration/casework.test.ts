import { expect } from 'chai';
import type { Express } from 'express';
import { sendDigests } from '../../src/features/casework/digest.ts';
import { addWorkingDays } from '../../src/features/cases/deadlines.ts';
import { holidaySet } from '../../src/features/cases/repository.ts';
import { addDays, bishkekToday } from '../../src/http/dates.ts';
import { buildApp, testConfig } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PNG } from '../support/files.ts';
import { testJobs } from '../support/jobs.ts';
import { signedInStaff, staffPost } from '../support/staff.ts';

async function transition(agent: ReturnType<typeof browser>, reference: string, fields: Record<string, string>, status = 303) {
  return staffPost(agent, `/staff/cases/${reference}`, `/staff/cases/${reference}/transitions`, fields, status);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a whole database row, as tests read it
async function caseRow(reference: string): Promise<Record<string, any>> {
  return testDatabase()
    .knex('cases')
    .select('*', testDatabase().knex.raw(`to_char(answer_due, 'YYYY-MM-DD') as due`))
    .where({ reference })
    .first<Record<string, unknown>>();
}

describe('back office casework', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('takes a complaint from submission to closure over HTTP, with timeline, audit, e-mails and the citizen in the loop', async () => {
    const { sink } = await testJobs();
    const complaint = await createCase({ language: 'ru', email: `life.${String(Date.now())}@example.kg` });
    const { agent: supervisor } = await signedInStaff(app, 'supervisor');
    const { agent: officer, staff: officerUser } = await signedInStaff(app, 'case_officer');

    // The supervisor assigns it from the queue (bulk form).
    const queue = await supervisor.get('/staff/cases?status=submitted').expect(200);
    expect(queue.text).to.include(complaint.reference);
    await supervisor.post('/staff/cases/assign').type('form').send({ _csrf: csrfTokenFrom(queue.text), cases: [String(complaint.caseId)], assignTo: String(officerUser.id), returnTo: '/staff/cases?status=submitted' }).expect(303);
    expect((await caseRow(complaint.reference)).assignee_id).to.equal(officerUser.id);

    // The officer sees the parties, and only the transitions allowed now.
    const page = await officer.get(`/staff/cases/${complaint.reference}`).expect(200);
    expect(page.text).to.include('Factory Citizen');
    expect(page.text).to.include('name="transition" value="start_triage"');
    expect(page.text).not.to.include('name="transition" value="decide"');
    expect(page.headers['cache-control']).to.equal('no-store');

    await transition(officer, complaint.reference, { transition: 'start_triage' });
    expect((await caseRow(complaint.reference)).registered_at).to.be.instanceOf(Date);
    await transition(officer, complaint.reference, { transition: 'accept' });
    await transition(officer, complaint.reference, { transition: 'start_investigation' });

    // Asking for information needs the question; without it, a message beside the field and nothing changes.
    const missing = await transition(officer, complaint.reference, { transition: 'request_information', message: '  ' }, 400);
    expect(missing.text).to.include('Write the message');
    expect(missing.text).to.include('href="#request_information-message"');
    expect((await caseRow(complaint.reference)).status).to.equal('investigation');
    await transition(officer, complaint.reference, { transition: 'request_information', message: 'Пришлите, пожалуйста, ответ банка.' });
    const paused = await caseRow(complaint.reference);
    expect(paused.status).to.equal('awaiting_information');
    expect(paused.paused_at).to.be.instanceOf(Date);

    // The citizen is told (in Russian, the case's language), signs in, reads the question, answers with a file.
    const told = await sink.waitFor((mail) => (mail.to as { text: string }).text.includes(complaint.email) && mail.subject === `Новости по вашему делу ${complaint.reference}`);
    expect(told.text).to.include('/ru/track');
    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen.post('/en/track').type('form').send({ _csrf: csrfTokenFrom(signIn.text), reference: complaint.reference, accessCode: complaint.code }).expect(303);
    const space = await citizen.get('/en/track/case').expect(200);
    expect(space.text).to.include('Пришлите, пожалуйста, ответ банка.');
    await citizen.post(multipartActionFrom(space.text)).field('_csrf', csrfTokenFrom(space.text)).field('body', 'Here is the answer.').attach('files', PNG, 'bank-answer.png').expect(303);

    // Internal notes stay internal.
    await staffPost(officer, `/staff/cases/${complaint.reference}`, `/staff/cases/${complaint.reference}/notes`, { note: 'Bank answered late; check its register entry.' }, 303);
    expect((await citizen.get('/en/track/case').expect(200)).text).not.to.include('check its register entry');

    // Resuming moves the answer date by the working days paused (none here: the same day).
    await transition(officer, complaint.reference, { transition: 'resume' });
    const resumed = await caseRow(complaint.reference);
    expect(resumed.status).to.equal('investigation');
    expect(resumed.paused_at).to.equal(null);

    // The officer downloads the citizen's file: an attachment download, recorded.
    const file = await testDatabase().knex('attachments').where({ case_id: complaint.caseId, file_name: 'bank-answer.png' }).first();
    const download = await officer.get(`/staff/cases/${complaint.reference}/files/${file.id}`).expect(200);
    expect(download.headers['content-disposition']).to.match(/^attachment/);
    expect(download.headers['x-content-type-options']).to.equal('nosniff');

    // Deciding needs a decision and its text.
    const incomplete = await transition(officer, complaint.reference, { transition: 'decide', decision: '', decisionText: 'Some text' }, 400);
    expect(incomplete.text).to.include('Choose the decision');
    expect(incomplete.text).to.include('Some text');
    await transition(officer, complaint.reference, { transition: 'decide', decision: 'upheld', decisionText: 'Банк нарушил срок ответа. Агентство выносит предписание.' });
    await transition(officer, complaint.reference, { transition: 'close' });

    // A transition not allowed from here is refused without change.
    const late = await transition(officer, complaint.reference, { transition: 'accept' }, 409);
    expect(late.text).to.include('This change is not possible now');

    // The citizen sees the decision; the timeline and audit trail hold every step.
    const final = await citizen.get('/en/track/case').expect(200);
    expect(final.text).to.include('Банк нарушил срок ответа.');
    expect(final.text).to.include('Closed');
    const row = await caseRow(complaint.reference);
    expect(row).to.include({ status: 'closed', decision: 'upheld' });
    const events = await testDatabase().knex('case_events').where({ case_id: complaint.caseId }).orderBy('id').select<{ kind: string; to_status: string | null; visible_to_citizen: boolean }[]>('kind', 'to_status', 'visible_to_citizen');
    expect(events.filter((event) => event.kind === 'status_changed').map((event) => event.to_status)).to.deep.equal(['triage', 'accepted', 'investigation', 'awaiting_information', 'investigation', 'decided', 'closed']);
    expect(events.find((event) => event.kind === 'note_added')?.visible_to_citizen).to.equal(false);
    const audit = await testDatabase().knex('audit_events').where({ entity_id: complaint.reference }).orderBy('id').pluck('action');
    expect(audit.filter((action) => action === 'case.status.changed')).to.have.length(7);
    expect(audit).to.include.members(['case.assigned', 'case.viewed', 'case.note.added']);
    expect(await testDatabase().knex('audit_events').where({ action: 'attachment.downloaded', entity_id: file.id, actor_type: 'staff' }).first()).to.not.equal(undefined);
    const updates = await testDatabase().knex('mail_outbox').where({ case_id: complaint.caseId, template: 'case-updated' }).count('* as n').first();
    expect(updates?.n).to.equal(7);
  });

  it('extends the answer date by the working days a case waited for information', async () => {
    const waiting = await createCase();
    const { agent: supervisor } = await signedInStaff(app, 'supervisor');
    for (const step of ['start_triage', 'accept', 'start_investigation']) await transition(supervisor, waiting.reference, { transition: step });
    await transition(supervisor, waiting.reference, { transition: 'request_information', message: 'Please send the contract.' });
    // Pretend the request went out 10 calendar days ago.
    const { knex } = testDatabase();
    const pausedOn = addDays(bishkekToday(), -10);
    await knex('cases').where({ reference: waiting.reference }).update({ paused_at: knex.raw(`(?::date + time '09:00') at time zone 'Asia/Bishkek'`, [pausedOn]) });
    const before = (await caseRow(waiting.reference)).due as string;
    await transition(supervisor, waiting.reference, { transition: 'resume' });
    const holidays = await holidaySet(knex, pausedOn, addDays(bishkekToday(), 60));
    let pausedDays = 0;
    for (let day = addDays(pausedOn, 1); day <= bishkekToday(); day = addDays(day, 1)) if (addWorkingDays(addDays(day, -1), 1, holidays) === day) pausedDays++;
    const after = await caseRow(waiting.reference);
    expect(after.paused_working_days).to.equal(pausedDays);
    expect(after.due).to.equal(addWorkingDays(before, pausedDays, holidays));
    const page = await supervisor.get(`/staff/cases/${waiting.reference}`).expect(200);
    expect(page.text).to.include(`Extended by ${String(pausedDays)} working days`);
  });

  it('keeps personal data from roles and officers not entitled to it, and refuses their changes', async () => {
    const other = await createCase();
    const { agent: officer } = await signedInStaff(app, 'case_officer');
    const notMine = await officer.get(`/staff/cases/${other.reference}`).expect(200);
    expect(notMine.text).not.to.include('Factory Citizen');
    expect(notMine.text).not.to.include(other.email);
    await staffPost(officer, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/notes`, { note: 'not my case' }, 403);
    await staffPost(officer, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/transitions`, { transition: 'start_triage' }, 403);

    const { agent: admin } = await signedInStaff(app, 'admin');
    const adminView = await admin.get(`/staff/cases/${other.reference}`).expect(200);
    expect(adminView.text).not.to.include(other.email);
    const { agent: auditor } = await signedInStaff(app, 'auditor');
    const auditorView = await auditor.get(`/staff/cases/${other.reference}`).expect(200);
    expect(auditorView.text).to.include(other.email);
    expect(auditorView.text).not.to.include('name="transition"');
    await staffPost(auditor, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/notes`, { note: 'auditors change nothing' }, 403);
    const views = await testDatabase().knex('audit_events').where({ action: 'case.viewed', entity_id: other.reference }).pluck('details');
    const flags = views.map((details: { personalData: boolean }) => details.personalData);
    // The auditor's two page views showed personal data; the officer's and the admin's did not.
    expect(flags.filter(Boolean)).to.have.length(2);
    expect(flags.filter((flag) => !flag).length).to.be.at.least(2);

    // An officer may take an unassigned case for themself, but not give it to someone else.
    const { staff: colleague } = await signedInStaff(app, 'case_officer');
    await staffPost(officer, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/assign`, { assignee: String(colleague.id) }, 403);
  });

  it('sends templated messages in the case language, and links duplicate cases both ways', async () => {
    const first = await createCase({ language: 'ky' });
    const second = await createCase();
    const { agent: supervisor } = await signedInStaff(app, 'supervisor');
    await staffPost(supervisor, `/staff/cases/${first.reference}`, `/staff/cases/${first.reference}/messages`, { template: 'request_documents', body: 'Extra line.' }, 303);
    const message = await testDatabase().knex('messages').where({ case_id: first.caseId, direction: 'to_citizen' }).first();
    expect(message.template).to.equal('request_documents');
    expect(message.body).to.include(first.reference);
    expect(message.body).to.match(/[а-яөүң]/i);
    expect(message.body).to.include('Extra line.');
    const queued = await testDatabase().knex('mail_outbox').where({ case_id: first.caseId, template: 'case-message' }).first();
    expect(queued.language).to.equal('ky');

    const wrong = await staffPost(supervisor, `/staff/cases/${first.reference}`, `/staff/cases/${first.reference}/links`, { linkedReference: 'PDP-2020-999999', kind: 'duplicate' }, 400);
    expect(wrong.text).to.include('There is no case with this reference');
    await staffPost(supervisor, `/staff/cases/${first.reference}`, `/staff/cases/${first.reference}/links`, { linkedReference: second.reference.toLowerCase(), kind: 'duplicate' }, 303);
    expect((await supervisor.get(`/staff/cases/${second.reference}`).expect(200)).text).to.include(`href="/staff/cases/${first.reference}"`);
  });

  it('filters, searches, sorts and pages the queue, with counts per status', async () => {
    const tag = `Queue Org ${String(Date.now())}`;
    const made = [];
    for (let index = 0; index < 28; index++) made.push(await createCase({ organisationName: `${tag} ${String(index).padStart(2, '0')}`, type: index % 2 === 0 ? 'complaint' : 'report', sector: index % 3 === 0 ? 'health' : 'banking', language: index % 2 === 0 ? 'ky' : 'en' }));
    const { knex } = testDatabase();
    const overdue = made[0]?.reference ?? '';
    await knex('cases').where({ reference: overdue }).update({ answer_due: addDays(bishkekToday(), -2) });
    const { agent: supervisor, staff } = await signedInStaff(app, 'supervisor');
    await knex('cases').whereIn('reference', made.slice(0, 3).map((item) => item.reference)).update({ assignee_id: staff.id });

    const search = async (query: string) => {
      const response = await supervisor.get(`/staff/cases?${query}`).expect(200);
      return [...response.text.matchAll(/href="\/staff\/cases\/(PDP-\d{4}-\d{6})"/g)].map((match) => match[1]);
    };
    const q = encodeURIComponent(tag);
    // Two pages of 25 cover all 28, no duplicates.
    const firstPage = await supervisor.get(`/staff/cases?q=${q}`).expect(200);
    const firstRefs = [...firstPage.text.matchAll(/href="\/staff\/cases\/(PDP-\d{4}-\d{6})"/g)].map((match) => match[1]);
    expect(firstRefs).to.have.length(25);
    const next = /href="(\/staff\/cases\?[^"]+)" rel="next"/.exec(firstPage.text)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=') ?? '';
    expect(next, firstPage.text.slice(firstPage.text.indexOf('pagination'), firstPage.text.indexOf('pagination') + 600)).to.match(/after=/);
    const secondRefs = [...(await supervisor.get(next).expect(200)).text.matchAll(/href="\/staff\/cases\/(PDP-\d{4}-\d{6})"/g)].map((match) => match[1]);
    expect(secondRefs).to.have.length(3);
    expect(new Set([...firstRefs, ...secondRefs]).size).to.equal(28);
    // Deadline order puts the overdue case first and flags it.
    expect(firstRefs[0]).to.equal(overdue);
    expect(firstPage.text).to.include('row--overdue');
    expect(await search(`q=${q}&due=overdue`)).to.deep.equal([overdue]);
    expect(await search(`q=${q}&type=report`)).to.have.length(14);
    expect(await search(`q=${q}&sector=health`)).to.have.length(10);
    expect(await search(`q=${q}&language=ky&type=report`)).to.have.length(0);
    expect(await search(`q=${q}&assignee=me`)).to.have.length(3);
    expect((await search(`q=${q}&assignee=none`)).length).to.equal(25);
    expect(await search(`q=${made[5]?.reference.toLowerCase() ?? ''}`)).to.deep.equal([made[5]?.reference]);
    expect((await search(`q=${q}&sort=received`))[0]).to.equal(made[27]?.reference);
    expect(await search(`q=${q}&from=${addDays(bishkekToday(), 1)}`)).to.have.length(0);
    // Bad filters: a message, not an error page.
    const bad = await supervisor.get('/staff/cases?status=lost&from=2026-13-45').expect(400);
    // A date that does not exist is refused, not rolled over (found by fuzzing: it used to reach PostgreSQL).
    expect((await supervisor.get('/staff/cases?to=2026-02-30').expect(400)).text).to.include('Enter a real date');
    expect(bad.text).to.include('Choose one of the options');
    expect(bad.text).to.include('Enter a real date');
    // Counts per status come from the kept table and match a real count.
    const counted = await knex('cases').where({ status: 'submitted' }).count('* as n').first();
    expect(firstPage.text).to.include(`Received: <strong>${String(counted?.n)}</strong>`);
  });

  it('lets supervisors edit the holiday calendar, which new deadlines then skip', async () => {
    const { agent: supervisor } = await signedInStaff(app, 'supervisor');
    const { agent: officer } = await signedInStaff(app, 'case_officer');
    const invalid = await staffPost(supervisor, '/staff/holidays', '/staff/holidays', { day: '2027-02-30', name_ky: '', name_ru: 'x', name_en: 'x' }, 400);
    expect(invalid.text).to.include('Enter a real date');
    expect(invalid.text).to.include('Enter the name in all three languages');
    const day = addDays(bishkekToday(), 40);
    await staffPost(supervisor, '/staff/holidays', '/staff/holidays', { day, name_ky: 'Сыноо майрамы', name_ru: 'Тестовый праздник', name_en: 'Test holiday' }, 303);
    expect((await officer.get(`/staff/holidays?year=${day.slice(0, 4)}`).expect(200)).text).to.include('Test holiday');
    await staffPost(officer, '/staff/holidays', '/staff/holidays', { day, name_ky: 'a', name_ru: 'b', name_en: 'c' }, 403);
    expect(await holidaySet(testDatabase().knex, day, day)).to.deep.equal(new Set([day]));
    await staffPost(supervisor, `/staff/holidays?year=${day.slice(0, 4)}`, `/staff/holidays/${day}/delete`, {}, 303);
    expect(await holidaySet(testDatabase().knex, day, day)).to.deep.equal(new Set());
    expect(await testDatabase().knex('audit_events').where({ entity_type: 'holiday', entity_id: day }).orderBy('id').pluck('action')).to.deep.equal(['holiday.saved', 'holiday.removed']);
  });

  it('shows admins and auditors the audit trail with its verification and checkpoint', async () => {
    const { agent: auditor } = await signedInStaff(app, 'auditor');
    const page = await auditor.get('/staff/audit').expect(200);
    expect(page.text).to.match(/All \d+ events verify/);
    expect(page.text).to.include('Filter events').and.include('Recorded from').and.not.include('Filter cases').and.not.include('Received from');
    const filtered = await auditor.get('/staff/audit?action=staff.login.').expect(200);
    expect(filtered.text).to.include('staff.login.succeeded');
    expect(filtered.text).not.to.include('<code>case.submitted</code>');
    expect((await auditor.get('/staff/audit?from=2026-02-30').expect(400)).text).to.include('Enter a real date');
    await staffPost(auditor, '/staff/audit', '/staff/audit/verify', {}, 303);
    const { agent: officer } = await signedInStaff(app, 'case_officer');
    await officer.get('/staff/audit').expect(403);
  });

  it('e-mails each officer a morning digest of their cases due soon', async function () {
    // Every officer the suite created gets a digest first: the queue delivers them one by one.
    const { sink, queue } = await testJobs();
    const due = await createCase();
    const { staff } = await signedInStaff(app, 'case_officer', 'ru');
    await testDatabase().knex('cases').where({ reference: due.reference }).update({ assignee_id: staff.id, status: 'investigation', answer_due: addDays(bishkekToday(), 1) });
    await sendDigests({ knex: testDatabase().knex, jobs: queue, config: testConfig() });
    const mail = await sink.waitFor((message) => (message.to as { text: string }).text.includes(staff.email));
    expect(mail.text).to.include(due.reference);
    expect(mail.subject).to.match(/[а-я]/i);
    expect(mail.text).not.to.include('Factory Citizen');
  });
});
