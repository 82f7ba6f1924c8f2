import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Express } from 'express';
import { decisionHash } from '../../src/features/casework/decision-pdf.ts';
import { sendDigests } from '../../src/features/casework/digest.ts';
import { addWorkingDays } from '../../src/features/cases/deadlines.ts';
import { holidaySet } from '../../src/features/cases/repository.ts';
import { addDays, bishkekToday, formatLongDate } from '../../src/lib/dates.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { buildApp, testConfig } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { PDF, PNG } from '../support/files.ts';
import { pdfText } from '../support/pdf.ts';
import { testJobs } from '../support/jobs.ts';
import { signedInStaff, staffOfRole, staffPost } from '../support/staff.ts';

async function transition(agent: ReturnType<typeof browser>, reference: string, fields: Record<string, string>, status = 303) {
  return staffPost(agent, `/staff/cases/${reference}`, `/staff/cases/${reference}/transitions`, fields, status);
}

/** A staff form with files (multipart), posted with the CSRF token of the case page. */
async function staffMultipart(
  agent: ReturnType<typeof browser>,
  reference: string,
  path: string,
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer }[],
  status = 303,
) {
  const page = await agent.get(`/staff/cases/${reference}`).expect(200);
  let request = agent.post(multipartActionFrom(page.text, `/staff/cases/${reference}${path}`)).field('_csrf', csrfTokenFrom(page.text));
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  for (const file of files) request = request.attach('files', file.bytes, file.name);
  const response = await request;
  expect(response.status, `${path}: ${response.text.slice(0, 400)}`).to.equal(status);
  return response;
}

/** Collects a binary response body (supertest parses only text by default). */
function binary(
  res: Parameters<Exclude<Parameters<ReturnType<Agent['get']>['parse']>[0], (str: string) => unknown>>[0],
  done: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
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

  it('takes a complaint from submission to a two-person decision over HTTP: the citizen’s reply moves the case, the decision reaches the citizen as a PDF', async () => {
    const { sink } = await testJobs();
    const { knex } = testDatabase();
    const complaint = await createCase({ language: 'ru', email: `life.${String(Date.now())}@example.kg` });
    const { agent: supervisor, staff: supervisorUser } = await staffOfRole(app, 'supervisor');
    const { agent: officer, staff: officerUser } = await staffOfRole(app, 'case_officer');
    const mailsTo = (address: string) => sink.messages.filter((mail) => (mail.to as { text: string }).text.includes(address));

    // The supervisor assigns it from the queue (bulk form); the officer is told, in their language, without content.
    // Filtered to this case: other tests' cases fill the first page of a shared database.
    const queue = await supervisor.get(`/staff/cases?status=submitted&q=${complaint.reference}`).expect(200);
    expect(queue.text).to.include(complaint.reference);
    await supervisor
      .post('/staff/cases/assign')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(queue.text),
        cases: [String(complaint.caseId)],
        assignTo: String(officerUser.id),
        returnTo: '/staff/cases?status=submitted',
      })
      .expect(303);
    expect((await caseRow(complaint.reference)).assignee_id).to.equal(officerUser.id);
    const assigned = await sink.waitFor(
      (mail) =>
        (mail.to as { text: string }).text.includes(officerUser.email) && (mail.text ?? '').includes(`Case ${complaint.reference} was assigned to you.`),
    );
    expect(assigned.text).to.include(`/staff/cases/${complaint.reference}`);
    expect(assigned.text).not.to.include('Factory');

    // The officer sees the parties, and only the transitions allowed now.
    const page = await officer.get(`/staff/cases/${complaint.reference}`).expect(200);
    expect(page.text).to.include('Factory Citizen');
    expect(page.text).to.include('name="transition" value="start_triage"');
    expect(page.text).not.to.include('name="transition" value="propose_decision"');
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
    // The request goes with a file the officer attaches.
    await staffMultipart(officer, complaint.reference, '/transitions', { transition: 'request_information', message: 'Пришлите, пожалуйста, ответ банка.' }, [
      { name: 'blank-form.pdf', bytes: PDF },
    ]);
    const paused = await caseRow(complaint.reference);
    expect(paused.status).to.equal('awaiting_information');
    expect(paused.paused_at).to.be.instanceOf(Date);
    const answerBy = (await knex('cases').where({ id: complaint.caseId }).first(knex.raw(`to_char(information_due, 'YYYY-MM-DD') as d`))).d as string;

    // The citizen is told (in Russian, the case's language) what happened and by when to answer, with a date for people.
    const told = await sink.waitFor(
      (mail) => (mail.to as { text: string }).text.includes(complaint.email) && (mail.text ?? '').includes('Агентство задало вам вопрос'),
    );
    expect(told.text).to.include(`Пожалуйста, ответьте до ${formatLongDate(answerBy, 'ru')}.`);
    expect(told.text).to.include('/ru/track');
    expect(told.text).not.to.include('ответ банка');
    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: complaint.reference, accessCode: complaint.code })
      .expect(303);
    const space = await citizen.get('/en/track/case').expect(200);
    expect(space.text).to.include('Пришлите, пожалуйста, ответ банка.');
    expect(space.text).to.include('blank-form.pdf');
    expect(space.text).to.include('Waiting for information from you');
    expect(space.text).to.include(`Please answer by ${formatLongDate(answerBy, 'en')}.`);

    // The citizen's answer moves the case by itself: examination again, clock running, the officer told and flagged.
    await citizen
      .post(multipartActionFrom(space.text))
      .field('_csrf', csrfTokenFrom(space.text))
      .field('body', 'Here is the answer.')
      .attach('files', PNG, 'bank-answer.png')
      .expect(303);
    const resumed = await caseRow(complaint.reference);
    expect(resumed.status).to.equal('investigation');
    expect(resumed.paused_at).to.equal(null);
    expect(resumed.reply_pending_at).to.be.instanceOf(Date);
    const afterReply = await citizen.get('/en/track/case').expect(200);
    expect(afterReply.text).not.to.include('Waiting for information from you');
    expect(afterReply.text).to.include('You answered; we continue examining your case');
    const replyMail = await sink.waitFor(
      (mail) =>
        (mail.to as { text: string }).text.includes(officerUser.email) &&
        (mail.text ?? '').includes(`The citizen answered the request for information on case ${complaint.reference}.`),
    );
    expect(replyMail.text).not.to.include('Here is the answer');
    expect((await officer.get(`/staff/cases?q=${complaint.reference}`).expect(200)).text).to.include('New reply');
    // Opening the case is seeing the reply.
    await officer.get(`/staff/cases/${complaint.reference}`).expect(200);
    expect((await caseRow(complaint.reference)).reply_pending_at).to.equal(null);
    expect((await officer.get(`/staff/cases?q=${complaint.reference}`).expect(200)).text).not.to.include('New reply');

    // Internal notes stay internal.
    await staffPost(
      officer,
      `/staff/cases/${complaint.reference}`,
      `/staff/cases/${complaint.reference}/notes`,
      { note: 'Bank answered late; check its register entry.' },
      303,
    );
    expect((await citizen.get('/en/track/case').expect(200)).text).not.to.include('check its register entry');

    // The officer downloads the citizen's file: an attachment download, recorded.
    const file = await knex('attachments').where({ case_id: complaint.caseId, file_name: 'bank-answer.png' }).first();
    const download = await officer.get(`/staff/cases/${complaint.reference}/files/${file.id}`).expect(200);
    expect(download.headers['content-disposition']).to.match(/^attachment/);
    expect(download.headers['x-content-type-options']).to.equal('nosniff');

    // Proposing a decision needs the outcome, the reasons and the legal basis; what was typed is kept.
    const incomplete = await transition(
      officer,
      complaint.reference,
      { transition: 'propose_decision', decision: '', decisionText: 'Some reasons', legalBasis: '' },
      400,
    );
    expect(incomplete.text).to.include('Choose the decision');
    expect(incomplete.text).to.include('Write the legal basis of the decision');
    expect(incomplete.text).to.include('Some reasons');
    await staffMultipart(
      officer,
      complaint.reference,
      '/transitions',
      { transition: 'propose_decision', decision: 'partly_upheld', decisionText: 'Банк ответил с опозданием.', legalBasis: 'Закон № 58, статья 15' },
      [{ name: 'bank-order.pdf', bytes: PDF }],
    );
    expect((await caseRow(complaint.reference)).status).to.equal('decision_proposed');
    // An officer cannot approve; the citizen sees neither the proposal nor its file.
    expect((await officer.get(`/staff/cases/${complaint.reference}`).expect(200)).text).not.to.include('value="approve_decision"');
    await transition(officer, complaint.reference, { transition: 'approve_decision' }, 403);
    const waiting = await citizen.get('/en/track/case').expect(200);
    expect(waiting.text).not.to.include('Банк ответил с опозданием.');
    expect(waiting.text).not.to.include('bank-order.pdf');
    const proposedFile = await knex('attachments').where({ case_id: complaint.caseId, file_name: 'bank-order.pdf' }).first();
    await citizen.get(`/en/track/case/files/${proposedFile.id}`).expect(404);
    await sink.waitFor(
      (mail) =>
        (mail.to as { text: string }).text.includes(supervisorUser.email) &&
        (mail.text ?? '').includes(`A decision on case ${complaint.reference} was proposed`),
    );

    // The supervisor returns it with a note: on the timeline, in the audit trail, in an e-mail to the officer.
    const reviewPage = await supervisor.get(`/staff/cases/${complaint.reference}`).expect(200);
    expect(reviewPage.text).to.include('value="approve_decision"').and.include('Банк ответил с опозданием.');
    expect((await transition(supervisor, complaint.reference, { transition: 'return_decision', reviewNote: '' }, 400)).text).to.include(
      'Write what the officer should change',
    );
    await transition(supervisor, complaint.reference, { transition: 'return_decision', reviewNote: 'Cite the article on the time limit.' });
    expect((await caseRow(complaint.reference)).status).to.equal('investigation');
    const returned = await officer.get(`/staff/cases/${complaint.reference}`).expect(200);
    expect(returned.text).to.include('Proposed decision returned').and.include('Cite the article on the time limit.');
    await sink.waitFor(
      (mail) =>
        (mail.to as { text: string }).text.includes(officerUser.email) &&
        (mail.text ?? '').includes(`Your proposed decision on case ${complaint.reference} was returned.`),
    );

    // The officer proposes again; the supervisor approves: the case closes with the decision, no separate click.
    await staffMultipart(
      officer,
      complaint.reference,
      '/transitions',
      {
        transition: 'propose_decision',
        decision: 'upheld',
        decisionText: 'Банк нарушил срок ответа. Агентство выносит предписание.',
        legalBasis: 'Закон № 58, статьи 15 и 17',
      },
      [{ name: 'bank-order-2.pdf', bytes: PDF }],
    );
    await transition(supervisor, complaint.reference, { transition: 'approve_decision' });
    const row = await caseRow(complaint.reference);
    expect(row).to.include({ status: 'closed', decision: 'upheld' });
    expect(row.decided_at).to.be.instanceOf(Date);
    expect(row.closed_at).to.be.instanceOf(Date);

    // A transition not allowed from here is refused without change.
    const late = await transition(officer, complaint.reference, { transition: 'accept' }, 409);
    expect(late.text).to.include('This change is not possible now');

    // The citizen reads the decision: outcome in words, date, reasons, legal basis, how to challenge it, and the PDF.
    const final = await citizen.get('/en/track/case').expect(200);
    const decisionSection = final.text.slice(final.text.indexOf('id="decision"'), final.text.indexOf('id="timeline-title"'));
    expect(decisionSection).to.include('Upheld: the Agency found that the law was broken');
    expect(decisionSection).to.include('Банк нарушил срок ответа. Агентство выносит предписание.');
    expect(decisionSection).to.include('Закон № 58, статьи 15 и 17');
    expect(decisionSection).to.include(formatLongDate(bishkekToday(), 'en'));
    expect(decisionSection).to.include('How to challenge this decision').and.include('challenge it in court');
    expect(decisionSection).to.include('bank-order-2.pdf').and.not.include('bank-order.pdf"');
    expect(final.text).to.include('A decision was made and the case was closed');
    const pdfResponse = await citizen.get('/en/track/case/decision.pdf').buffer(true).parse(binary).expect(200);
    expect(pdfResponse.headers['content-type']).to.equal('application/pdf');
    expect(pdfResponse.headers['content-disposition']).to.match(/^attachment/);
    const pdfBytes = pdfResponse.body as Buffer;
    const firstPage = (await pdfText(pdfBytes)).join(' ').replace(/\s+/g, ' ');
    const decision = await knex('case_decisions').where({ case_id: complaint.caseId, status: 'approved' }).first();
    expect(firstPage).to.include('Государственное агентство по защите персональных данных');
    expect(firstPage).to.include('РЕШЕНИЕ').and.include(complaint.reference).and.include(formatLongDate(bishkekToday(), 'ru'));
    expect(firstPage).to.include('Удовлетворено: Агентство установило нарушение закона');
    expect(firstPage).to.include('Как обжаловать это решение').and.include('обжаловать его в суде');
    expect(firstPage).to.include(decision.decision_hash);
    expect(decision.decision_hash).to.equal(
      decisionHash({
        reference: complaint.reference,
        language: 'ru',
        outcome: 'upheld',
        issuedOn: bishkekToday(),
        reasons: 'Банк нарушил срок ответа. Агентство выносит предписание.',
        legalBasis: 'Закон № 58, статьи 15 и 17',
      }),
    );
    expect(decision.pdf_sha256).to.equal(createHash('sha256').update(pdfBytes).digest('hex'));
    expect(decision).to.include({ proposed_by: officerUser.id, reviewed_by: supervisorUser.id });
    const decidedMail = await sink.waitFor(
      (mail) =>
        (mail.to as { text: string }).text.includes(complaint.email) && (mail.text ?? '').includes(`По вашему делу ${complaint.reference} принято решение.`),
    );
    expect(decidedMail.text).not.to.include('предписание');

    // The timeline and the audit trail hold every step, the decision's hashes with its approval.
    const events = await knex('case_events')
      .where({ case_id: complaint.caseId })
      .orderBy('id')
      .select<{ kind: string; to_status: string | null; visible_to_citizen: boolean }[]>('kind', 'to_status', 'visible_to_citizen');
    expect(events.filter((event) => event.kind === 'status_changed').map((event) => event.to_status)).to.deep.equal([
      'triage',
      'accepted',
      'investigation',
      'awaiting_information',
      'investigation',
      'decision_proposed',
      'investigation',
      'decision_proposed',
      'closed',
    ]);
    expect(events.filter((event) => event.to_status === 'decision_proposed').every((event) => !event.visible_to_citizen)).to.equal(true);
    expect(events.find((event) => event.kind === 'note_added')?.visible_to_citizen).to.equal(false);
    const audit = await knex('audit_events')
      .where({ entity_id: complaint.reference })
      .orderBy('id')
      .select<{ action: string; actor_type: string; details: Record<string, unknown> }[]>('action', 'actor_type', 'details');
    const changes = audit.filter((event) => event.action === 'case.status.changed');
    expect(changes.map((event) => event.details.transition)).to.deep.equal([
      'start_triage',
      'accept',
      'start_investigation',
      'request_information',
      'resume',
      'propose_decision',
      'return_decision',
      'propose_decision',
      'approve_decision',
    ]);
    expect(changes[4]).to.deep.include({ actor_type: 'citizen' });
    expect(changes.at(-1)?.details).to.deep.include({ decisionHash: decision.decision_hash, pdfSha256: decision.pdf_sha256, decision: 'upheld' });
    expect(JSON.stringify(audit)).not.to.include('Cite the article');
    expect(audit.map((event) => event.action)).to.include.members(['case.assigned', 'case.viewed', 'case.note.added']);
    expect(await knex('audit_events').where({ action: 'attachment.downloaded', entity_id: file.id, actor_type: 'staff' }).first()).to.not.equal(undefined);
    // Each e-mail to the citizen names what happened and the reference, never what anyone wrote.
    for (const mail of mailsTo(complaint.email)) {
      expect(mail.subject).to.include(complaint.reference);
      for (const typed of ['Пришлите', 'Here is the answer', 'предписание', 'Factory Citizen']) expect(mail.text).not.to.include(typed);
    }
  });

  it("needs a second supervisor for a supervisor's own proposal", async () => {
    const made = await createCase();
    const { agent: first, staff: firstUser } = await staffOfRole(app, 'supervisor');
    const { agent: second } = await signedInStaff(app, 'supervisor');
    await testDatabase().knex('cases').where({ id: made.caseId }).update({ assignee_id: firstUser.id });
    for (const step of ['start_triage', 'accept', 'start_investigation']) await transition(first, made.reference, { transition: step });
    await transition(first, made.reference, {
      transition: 'propose_decision',
      decision: 'not_upheld',
      decisionText: 'No breach found.',
      legalBasis: 'Law No. 58',
    });
    const own = await first.get(`/staff/cases/${made.reference}`).expect(200);
    expect(own.text).to.include('You proposed this decision. Another supervisor must approve or return it.');
    expect(own.text).not.to.include('value="approve_decision"').and.not.include('value="return_decision"');
    const refused = await transition(first, made.reference, { transition: 'approve_decision' }, 409);
    expect(refused.text).to.include('You proposed this decision: another supervisor must approve or return it');
    expect((await caseRow(made.reference)).status).to.equal('decision_proposed');
    await transition(second, made.reference, { transition: 'approve_decision' });
    expect(await caseRow(made.reference)).to.include({ status: 'closed', decision: 'not_upheld' });
  });

  it('extends the answer date by the working days a case waited for information', async () => {
    const waiting = await createCase();
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    for (const step of ['start_triage', 'accept', 'start_investigation']) await transition(supervisor, waiting.reference, { transition: step });
    await transition(supervisor, waiting.reference, { transition: 'request_information', message: 'Please send the contract.' });
    // Pretend the request went out 10 calendar days ago.
    const { knex } = testDatabase();
    const pausedOn = addDays(bishkekToday(), -10);
    await knex('cases')
      .where({ reference: waiting.reference })
      .update({ paused_at: knex.raw(`(?::date + time '09:00') at time zone 'Asia/Bishkek'`, [pausedOn]) });
    const before = (await caseRow(waiting.reference)).due as string;
    await transition(supervisor, waiting.reference, { transition: 'resume' });
    const holidays = await holidaySet(knex, pausedOn, addDays(bishkekToday(), 60));
    let pausedDays = 0;
    for (let day = addDays(pausedOn, 1); day <= bishkekToday(); day = addDays(day, 1)) if (addWorkingDays(addDays(day, -1), 1, holidays) === day) pausedDays++;
    const after = await caseRow(waiting.reference);
    expect(after.paused_working_days).to.equal(pausedDays);
    expect(after.due).to.equal(addWorkingDays(before, pausedDays, holidays));
    const page = await supervisor.get(`/staff/cases/${waiting.reference}`).expect(200);
    expect(page.text).to.include(`Extended by ${String(pausedDays)} working ${pausedDays === 1 ? 'day' : 'days'} while`);
  });

  it('keeps personal data from roles and officers not entitled to it, and refuses their changes', async () => {
    const other = await createCase();
    const { agent: officer } = await staffOfRole(app, 'case_officer');
    const notMine = await officer.get(`/staff/cases/${other.reference}`).expect(200);
    expect(notMine.text).not.to.include('Factory Citizen');
    expect(notMine.text).not.to.include(other.email);
    await staffPost(officer, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/notes`, { note: 'not my case' }, 403);
    await staffPost(officer, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/transitions`, { transition: 'start_triage' }, 403);

    const { agent: admin } = await staffOfRole(app, 'admin');
    const adminView = await admin.get(`/staff/cases/${other.reference}`).expect(200);
    expect(adminView.text).not.to.include(other.email);
    const { agent: auditor } = await staffOfRole(app, 'auditor');
    const auditorView = await auditor.get(`/staff/cases/${other.reference}`).expect(200);
    expect(auditorView.text).to.include(other.email);
    expect(auditorView.text).not.to.include('name="transition"');
    await staffPost(auditor, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/notes`, { note: 'auditors change nothing' }, 403);
    const views = await testDatabase().knex('audit_events').where({ action: 'case.viewed', entity_id: other.reference }).pluck('details');
    const flags = views.map((details: { personalData: boolean }) => details.personalData);
    // The auditor's two page views showed personal data; the officer's and the admin's did not.
    expect(flags.filter(Boolean)).to.have.length(2);
    expect(flags.filter((flag) => !flag).length).to.be.at.least(2);
  });

  it('Given an unassigned case, When an officer gives it to a colleague, Then it is refused (they may take it only for themself)', async () => {
    const other = await createCase();
    const { agent: officer } = await staffOfRole(app, 'case_officer');
    const { staff: colleague } = await signedInStaff(app, 'case_officer');
    await staffPost(officer, `/staff/cases/${other.reference}`, `/staff/cases/${other.reference}/assign`, { assignee: String(colleague.id) }, 403);
  });

  it('sends templated messages in the case language, and links duplicate cases both ways', async () => {
    const first = await createCase({ language: 'ky' });
    const second = await createCase();
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    await staffPost(
      supervisor,
      `/staff/cases/${first.reference}`,
      `/staff/cases/${first.reference}/messages`,
      { template: 'request_documents', body: 'Extra line.' },
      303,
    );
    const message = await testDatabase().knex('messages').where({ case_id: first.caseId, direction: 'to_citizen' }).first();
    expect(message.template).to.equal('request_documents');
    expect(message.body).to.include(first.reference);
    expect(message.body).to.match(/[а-яөүң]/i);
    expect(message.body).to.include('Extra line.');
    const queued = await testDatabase().knex('mail_outbox').where({ case_id: first.caseId, template: 'case-message' }).first();
    expect(queued.language).to.equal('ky');
    // A standard text that gives a date writes it for people, in the case's language.
    await staffPost(supervisor, `/staff/cases/${first.reference}`, `/staff/cases/${first.reference}/messages`, { template: 'progress_update', body: '' }, 303);
    const progress = await testDatabase().knex('messages').where({ case_id: first.caseId, template: 'progress_update' }).first();
    expect(progress.body).to.include(`: ${formatLongDate((await caseRow(first.reference)).due as string, 'ky')}.`);

    const wrong = await staffPost(
      supervisor,
      `/staff/cases/${first.reference}`,
      `/staff/cases/${first.reference}/links`,
      { linkedReference: 'PDP-2020-999999', kind: 'duplicate' },
      400,
    );
    expect(wrong.text).to.include('There is no case with this reference');
    await staffPost(
      supervisor,
      `/staff/cases/${first.reference}`,
      `/staff/cases/${first.reference}/links`,
      { linkedReference: second.reference.toLowerCase(), kind: 'duplicate' },
      303,
    );
    expect((await supervisor.get(`/staff/cases/${second.reference}`).expect(200)).text).to.include(`href="/staff/cases/${first.reference}"`);
  });

  describe('the queue, given 28 cases of one organisation name (3 assigned to me, 1 overdue)', () => {
    const tag = `Queue Org ${String(Date.now())}`;
    const q = encodeURIComponent(tag);
    const made: Awaited<ReturnType<typeof createCase>>[] = [];
    let overdue: string;
    let supervisor: Agent;
    const references = (html: string) => [...html.matchAll(/href="\/staff\/cases\/(PDP-\d{4}-\d{6})"/g)].map((match) => match[1]);
    const search = async (query: string) => references((await supervisor.get(`/staff/cases?${query}`).expect(200)).text);

    before(async () => {
      for (let index = 0; index < 28; index++)
        made.push(
          await createCase({
            organisationName: `${tag} ${String(index).padStart(2, '0')}`,
            type: index % 2 === 0 ? 'complaint' : 'report',
            sector: index % 3 === 0 ? 'health' : 'banking',
            language: index % 2 === 0 ? 'ky' : 'en',
          }),
        );
      const { knex } = testDatabase();
      overdue = made[0]?.reference ?? '';
      await knex('cases')
        .where({ reference: overdue })
        .update({ answer_due: addDays(bishkekToday(), -2) });
      const signedIn = await staffOfRole(app, 'supervisor');
      supervisor = signedIn.agent;
      await knex('cases')
        .whereIn(
          'reference',
          made.slice(0, 3).map((item) => item.reference),
        )
        .update({ assignee_id: signedIn.staff.id });
    });

    it('When I page through the search, Then two pages of 25 cover all 28 without duplicates, the overdue case first and flagged', async () => {
      const firstPage = await supervisor.get(`/staff/cases?q=${q}`).expect(200);
      const firstRefs = references(firstPage.text);
      expect(firstRefs).to.have.length(25);
      const next =
        /href="(\/staff\/cases\?[^"]+)" rel="next"/
          .exec(firstPage.text)?.[1]
          ?.replace(/&amp;/g, '&')
          .replace(/&#x3D;/g, '=') ?? '';
      expect(next, firstPage.text.slice(firstPage.text.indexOf('pagination'), firstPage.text.indexOf('pagination') + 600)).to.match(/after=/);
      const secondRefs = references((await supervisor.get(next).expect(200)).text);
      expect(secondRefs).to.have.length(3);
      expect(new Set([...firstRefs, ...secondRefs]).size).to.equal(28);
      // Deadline order puts the overdue case first and flags it.
      expect(firstRefs[0]).to.equal(overdue);
      expect(firstPage.text).to.include('row--overdue');
    });

    it('When I filter by due date, type, sector, language or assignee, Then only the matching cases are listed', async () => {
      expect(await search(`q=${q}&due=overdue`)).to.deep.equal([overdue]);
      expect(await search(`q=${q}&type=report`)).to.have.length(14);
      expect(await search(`q=${q}&sector=health`)).to.have.length(10);
      expect(await search(`q=${q}&language=ky&type=report`)).to.have.length(0);
      expect(await search(`q=${q}&assignee=me`)).to.have.length(3);
      expect((await search(`q=${q}&assignee=none`)).length).to.equal(25);
      expect(await search(`q=${q}&from=${addDays(bishkekToday(), 1)}`)).to.have.length(0);
    });

    it('When I combine a status with a due date, or a short received range with the deadline order, Then the same cases are listed in the same order', async () => {
      expect(await search(`q=${q}&status=submitted&due=overdue`)).to.deep.equal([overdue]);
      expect(await search(`q=${q}&status=open&due=overdue`)).to.deep.equal([overdue]);
      // A paused clock is never overdue, nor is a closed case.
      expect(await search(`q=${q}&status=awaiting_information&due=overdue`)).to.deep.equal([]);
      expect(await search(`q=${q}&status=closed&due=soon`)).to.deep.equal([]);
      const today = bishkekToday();
      // (A range of a few days is read whole and sorted by deadline, rather than walked along the deadlines.)
      expect(await search(`q=${q}&from=${addDays(today, -1)}&to=${today}`)).to.deep.equal(await search(`q=${q}`));
    });

    it('When I search a reference in lower case, or sort by received, Then the case is found and the newest comes first', async () => {
      expect(await search(`q=${made[5]?.reference.toLowerCase() ?? ''}`)).to.deep.equal([made[5]?.reference]);
      expect((await search(`q=${q}&sort=received`))[0]).to.equal(made[27]?.reference);
    });

    it('When a filter is not valid, Then the queue answers with a message, not an error page', async () => {
      const bad = await supervisor.get('/staff/cases?status=lost&from=2026-13-45').expect(400);
      // A date that does not exist is refused, not rolled over (found by fuzzing: it used to reach PostgreSQL).
      expect((await supervisor.get('/staff/cases?to=2026-02-30').expect(400)).text).to.include('Enter a real date');
      expect(bad.text).to.include('Choose one of the options');
      expect(bad.text).to.include('Enter a real date');
    });

    it('Then the counts per status come from the kept table and match a real count', async () => {
      const { knex } = testDatabase();
      const firstPage = await supervisor.get(`/staff/cases?q=${q}`).expect(200);
      const counted = await knex('cases').where({ status: 'submitted' }).count('* as n').first();
      expect(firstPage.text).to.include(`Received: <strong>${String(counted?.n)}</strong>`);
    });
  });

  it('searches what people wrote only where the searcher may read it, and records each search without its words', async () => {
    const secret = `Zanzibarite${String(Date.now())}`;
    const hidden = await createCase({
      organisationName: `Search Org ${String(Date.now())}`,
      answers: { whatHappened: { description: `The ${secret} clinic shared my file.` } },
    });
    const { agent: admin, staff: adminUser } = await signedInStaff(app, 'admin');
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const { agent: officer, staff: officerUser } = await staffOfRole(app, 'case_officer');
    const found = async (agent: Agent, q: string) =>
      [...(await agent.get(`/staff/cases?q=${encodeURIComponent(q)}`).expect(200)).text.matchAll(/href="\/staff\/cases\/(PDP-\d{4}-\d{6})"/g)].map(
        (match) => match[1],
      );
    expect(await found(supervisor, secret)).to.deep.equal([hidden.reference]);
    // An admin reads no answers, so cannot learn what they contain by searching them.
    expect(await found(admin, secret)).to.deep.equal([]);
    expect((await admin.get('/staff/cases').expect(200)).text).to.include('Your role does not search what people wrote.');
    // A case officer searches the answers of their own cases only.
    expect(await found(officer, secret)).to.deep.equal([]);
    await testDatabase().knex('cases').where({ id: hidden.caseId }).update({ assignee_id: officerUser.id });
    expect(await found(officer, secret)).to.deep.equal([hidden.reference]);
    // References and organisations are searchable by everyone who sees the queue.
    expect(await found(admin, hidden.reference)).to.deep.equal([hidden.reference]);
    expect(await found(admin, 'Search Org')).to.include(hidden.reference);
    // Every search is an audit event: which filters, not the words.
    const searches = await testDatabase()
      .knex('audit_events')
      .where({ action: 'case.queue.searched', actor_id: String(adminUser.id) })
      .orderBy('id')
      .pluck('details');
    expect(searches).to.have.length(3);
    expect(searches[0]).to.deep.include({ search: 'text', scope: 'none', results: 0 });
    expect(searches[0].filters).to.deep.equal({ status: 'open', sort: 'deadline' });
    expect(searches[1]).to.deep.include({ search: 'reference', results: 1 });
    expect(JSON.stringify(searches)).not.to.include(secret).and.not.include('Search Org');
  });

  it('shows staff a triage target, not a Law 67 answer deadline, on violation reports', async () => {
    const { knex } = testDatabase();
    const report = await createCase({ type: 'report', organisationName: `Triage Org ${String(Date.now())}` });
    const received = (await knex('cases').where({ id: report.caseId }).first(knex.raw(`to_char(received_at at time zone 'Asia/Bishkek', 'YYYY-MM-DD') as d`)))
      .d as string;
    const holidays = await holidaySet(knex, received, addDays(received, 60));
    const target = addWorkingDays(received, testConfig().deadlines.triageTargetWorkingDays, holidays);
    expect((await caseRow(report.reference)).due).to.equal(target);
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const page = await supervisor.get(`/staff/cases/${report.reference}`).expect(200);
    const deadlines = page.text.slice(page.text.indexOf('id="deadlines-title"'), page.text.indexOf('</section>', page.text.indexOf('id="deadlines-title"')));
    expect(deadlines).to.include('Triage target').and.include(formatLongDate(target, 'en')).and.include('tips, not appeals under Law No. 67');
    expect(deadlines).not.to.include('Answer due');
    const queue = await supervisor.get(`/staff/cases?q=${encodeURIComponent('Triage Org')}`).expect(200);
    expect(queue.text).to.include(`Triage target:</span> ${formatLongDate(target, 'en')}`);
    // Once triaged, a report has no deadline at all: neither shown nor counted as due.
    for (const step of ['start_triage', 'accept']) await transition(supervisor, report.reference, { transition: step });
    await knex('cases')
      .where({ id: report.caseId })
      .update({ answer_due: addDays(bishkekToday(), -3) });
    expect((await supervisor.get(`/staff/cases/${report.reference}`).expect(200)).text).to.include('Triage is over; no answer deadline applies to a report.');
    expect((await supervisor.get(`/staff/cases?q=${encodeURIComponent('Triage Org')}&due=overdue`).expect(200)).text).not.to.include(report.reference);
    // The reporter is promised no answer date either.
    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: report.reference, accessCode: report.code })
      .expect(303);
    expect((await citizen.get('/en/track/case').expect(200)).text).not.to.include('Answer due by');
  });

  it('Given an unassigned case, When the citizen replies, Then supervisors are told in their language and the queue flags the reply', async () => {
    const { sink } = await testJobs();
    const made = await createCase();
    const { agent: supervisor, staff: supervisorUser } = await staffOfRole(app, 'supervisor', 'ru');
    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: made.reference, accessCode: made.code })
      .expect(303);
    const space = await citizen.get('/en/track/case').expect(200);
    await citizen.post(multipartActionFrom(space.text)).field('_csrf', csrfTokenFrom(space.text)).attach('files', PNG, 'more.png').expect(303);
    const told = await sink.waitFor(
      (mail) =>
        (mail.to as { text: string }).text.includes(supervisorUser.email) &&
        (mail.text ?? '').includes(`Гражданин отправил сообщение или файлы по делу ${made.reference}.`),
    );
    expect(told.subject).to.equal(`Новое сообщение гражданина по делу ${made.reference}`);
    expect((await supervisor.get('/staff/cases?reply=new').expect(200)).text).to.include(made.reference);
  });

  it('When a supervisor gives an officer two cases at once, Then the officer gets one e-mail naming both, in their language', async () => {
    const { sink } = await testJobs();
    const { knex } = testDatabase();
    const made = await createCase();
    const second = await createCase();
    const { agent: supervisor } = await staffOfRole(app, 'supervisor', 'ru');
    const { staff: officer } = await signedInStaff(app, 'case_officer', 'ky');
    const queue = await supervisor.get('/staff/cases').expect(200);
    await supervisor
      .post('/staff/cases/assign')
      .type('form')
      .send({ _csrf: csrfTokenFrom(queue.text), cases: [String(made.caseId), String(second.caseId)], assignTo: String(officer.id) })
      .expect(303);
    const assigned = await sink.waitFor((mail) => (mail.to as { text: string }).text.includes(officer.email));
    expect(assigned.subject).to.equal('Сизге дайындалган иштер: 2');
    expect(assigned.text).to.include(made.reference).and.include(second.reference).and.not.include('Factory');
    expect(await knex('mail_outbox').where({ recipient: officer.email }).count<{ n: number }[]>('* as n')).to.deep.equal([{ n: 1 }]);
  });

  it('lets supervisors edit the holiday calendar, which new deadlines then skip', async () => {
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const { agent: officer } = await staffOfRole(app, 'case_officer');
    const invalid = await staffPost(supervisor, '/staff/holidays', '/staff/holidays', { day: '2027-02-30', name_ky: '', name_ru: 'x', name_en: 'x' }, 400);
    expect(invalid.text).to.include('Enter a real date');
    expect(invalid.text).to.include('Enter the name in all three languages');
    const day = addDays(bishkekToday(), 40);
    await staffPost(
      supervisor,
      '/staff/holidays',
      '/staff/holidays',
      { day, name_ky: 'Сыноо майрамы', name_ru: 'Тестовый праздник', name_en: 'Test holiday' },
      303,
    );
    expect((await officer.get(`/staff/holidays?year=${day.slice(0, 4)}`).expect(200)).text).to.include('Test holiday');
    await staffPost(officer, '/staff/holidays', '/staff/holidays', { day, name_ky: 'a', name_ru: 'b', name_en: 'c' }, 403);
    expect(await holidaySet(testDatabase().knex, day, day)).to.deep.equal(new Set([day]));
    await staffPost(supervisor, `/staff/holidays?year=${day.slice(0, 4)}`, `/staff/holidays/${day}/delete`, {}, 303);
    expect(await holidaySet(testDatabase().knex, day, day)).to.deep.equal(new Set());
    expect(await testDatabase().knex('audit_events').where({ entity_type: 'holiday', entity_id: day }).orderBy('id').pluck('action')).to.deep.equal([
      'holiday.saved',
      'holiday.removed',
    ]);
  });

  it('shows admins and auditors the audit trail with its verification and checkpoint', async () => {
    const { agent: auditor } = await staffOfRole(app, 'auditor');
    const page = await auditor.get('/staff/audit').expect(200);
    expect(page.text).to.match(/All \d+ events verify/);
    expect(page.text).to.include('Filter events').and.include('Recorded from').and.not.include('Filter cases').and.not.include('Received from');
    const filtered = await auditor.get('/staff/audit?action=staff.login.').expect(200);
    // Actions in words (the trail records staff.login.succeeded; the viewer says what it was).
    expect(filtered.text).to.include('<td>signed in');
    expect(filtered.text).not.to.include('submitted the case');
    expect((await auditor.get('/staff/audit?from=2026-02-30').expect(400)).text).to.include('Enter a real date');
    await staffPost(auditor, '/staff/audit', '/staff/audit/verify', {}, 303);
    const { agent: officer } = await staffOfRole(app, 'case_officer');
    await officer.get('/staff/audit').expect(403);
  });

  it('e-mails each officer a morning digest of their cases due soon', async function () {
    // Every officer the suite created gets a digest first: the queue delivers them one by one.
    const { sink, queue } = await testJobs();
    const due = await createCase();
    const { staff } = await signedInStaff(app, 'case_officer', 'ru');
    await testDatabase()
      .knex('cases')
      .where({ reference: due.reference })
      .update({ assignee_id: staff.id, status: 'investigation', answer_due: addDays(bishkekToday(), 1) });
    await sendDigests({ knex: testDatabase().knex, translator: createTranslator({ strict: true }), jobs: queue, config: testConfig() });
    const mail = await sink.waitFor((message) => (message.to as { text: string }).text.includes(staff.email));
    expect(mail.text).to.include(due.reference);
    expect(mail.subject).to.match(/[а-я]/i);
    expect(mail.text).not.to.include('Factory Citizen');
  });
});
