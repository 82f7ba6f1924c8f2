import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Express } from 'express';
import { HtmlValidate } from 'html-validate';
import { buildApp } from '../support/app.ts';
import type { Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { signedInStaff, staffOfRole, staffPost } from '../support/staff.ts';
import { waitFor } from '../support/wait.ts';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'long-title': 'off', 'no-trailing-whitespace': 'off' },
});

async function expectValid(name: string, html: string): Promise<void> {
  const report = await validator.validateString(html);
  const messages = report.results.flatMap((result) => result.messages.map((message) => `${String(message.line)} ${message.ruleId}: ${message.message}`));
  expect(messages, name).to.deep.equal([]);
}

const PERSONAL = ['Петрова', 'Анна Сергеевна', '+996 555 123 456', 'anna.petrova@example.kg', '21203198500123', 'ул. Киевская, д. 96'];

async function transition(agent: Agent, reference: string, fields: Record<string, string>, status = 303) {
  return staffPost(agent, `/staff/cases/${reference}`, `/staff/cases/${reference}/transitions`, fields, status);
}

async function publication(caseId: number) {
  return testDatabase().knex('published_decisions').where({ case_id: caseId }).first<Record<string, unknown> | undefined>();
}

async function auditActions(reference: string): Promise<string[]> {
  const rows = await testDatabase()
    .knex('audit_events')
    .where({ entity_id: reference })
    .whereLike('action', 'decision.publication.%')
    .whereNot('action', 'decision.publication.viewed')
    .orderBy('id')
    .select('action');
  return rows.map((row: { action: string }) => row.action);
}

describe('published decisions', () => {
  let app: Express;
  let preparer: Agent;
  let second: Agent;
  let made: { caseId: number; reference: string };
  const organisation = `Shoro${randomUUID().slice(0, 6)} LLC`;

  before(async () => {
    app = await buildApp();
    const first = await staffOfRole(app, 'supervisor');
    preparer = first.agent;
    second = (await signedInStaff(app, 'supervisor')).agent;
    made = await createCase({
      language: 'ru',
      organisationName: organisation,
      parties: [
        {
          role: 'complainant',
          full_name: 'Петрова Анна Сергеевна',
          email: 'anna.petrova@example.kg',
          postal_address: 'г. Бишкек, ул. Киевская, д. 96',
          phone: '+996 555 123 456',
          position: null,
          preferred_language: 'ru',
          identity_may_be_shared: true,
        },
      ],
    });
    await testDatabase().knex('cases').where({ id: made.caseId }).update({ assignee_id: first.staff.id });
    for (const step of ['start_triage', 'accept', 'start_investigation']) await transition(preparer, made.reference, { transition: step });
    await transition(preparer, made.reference, {
      transition: 'propose_decision',
      decision: 'upheld',
      decisionText: `Заявитель Петрова Анна Сергеевна (тел. +996 555 123 456, anna.petrova@example.kg, ИНН 21203198500123), проживающая по адресу ул. Киевская, д. 96, сообщила, что ${organisation} передало её данные коллекторам без согласия. Петровой ответа не дали.`,
      legalBasis: 'Закон № 58, статья 9',
    });
    await transition(second, made.reference, { transition: 'approve_decision' });
  });

  it('offers a supervisor the decision pre-masked, with what was found', async () => {
    const casePage = await preparer.get(`/staff/cases/${made.reference}`).expect(200);
    expect(casePage.text).to.include(`/staff/cases/${made.reference}/publication`);
    const editor = await preparer.get(`/staff/cases/${made.reference}/publication`).expect(200);
    const textarea = /<textarea[^>]*name="text"[^>]*>([^<]*)<\/textarea>/.exec(editor.text)?.[1] ?? '';
    for (const item of PERSONAL) expect(textarea, item).not.to.include(item);
    expect(textarea).to.include('[ФИО]').and.include('[телефон]').and.include(organisation).and.include('статья 9');
    expect(editor.text).to.include('Found and masked automatically').and.include('Phone number');
    const viewed = await testDatabase()
      .knex('audit_events')
      .where({ action: 'decision.publication.viewed', entity_id: made.reference })
      .first<{ details: Record<string, unknown> }>();
    expect(viewed.details).to.deep.include({ personalData: true });
    await expectValid('publication editor', editor.text);
  });

  it('refuses the editor to officers, auditors and admins (403)', async () => {
    for (const role of ['case_officer', 'auditor', 'admin'] as const) {
      const { agent } = await staffOfRole(app, role);
      await agent.get(`/staff/cases/${made.reference}/publication`).expect(403);
    }
  });

  it('needs the summaries in the other two languages, keeping what was typed', async () => {
    const refused = await staffPost(
      preparer,
      `/staff/cases/${made.reference}/publication`,
      `/staff/cases/${made.reference}/publication`,
      { text: 'Текст решения [ФИО] Остался здесь.', summary_ky: '', summary_en: '', extraTerms: '' },
      422,
    );
    expect(refused.text).to.include('error-summary').and.include('Enter a short summary in Kyrgyz').and.include('Остался здесь.');
    expect(await publication(made.caseId)).to.equal(undefined);
  });

  it('publishes only after a second supervisor approves, then lists it in every language', async () => {
    const editor = await preparer.get(`/staff/cases/${made.reference}/publication`).expect(200);
    const textarea = (/<textarea[^>]*name="text"[^>]*>([^<]*)<\/textarea>/.exec(editor.text)?.[1] ?? '').replaceAll('&#x27;', "'").replaceAll('&quot;', '"');
    await staffPost(
      preparer,
      `/staff/cases/${made.reference}/publication`,
      `/staff/cases/${made.reference}/publication`,
      {
        text: `${textarea}\nКоллекторское агентство Бекжан сообщило иное.`,
        summary_ky: 'Уюм маалыматтарды макулдуксуз берген.',
        summary_en: `${organisation} gave the data to debt collectors without consent.`,
        extraTerms: 'Бекжан',
      },
      303,
    );
    const draft = await publication(made.caseId);
    expect(draft).to.include({ status: 'draft', language: 'ru', outcome: 'upheld' });
    for (const item of [...PERSONAL, 'Бекжан']) expect(String(draft?.text)).not.to.include(item);

    const own = await staffPost(preparer, `/staff/cases/${made.reference}/publication`, `/staff/cases/${made.reference}/publication/approve`, {}, 403);
    expect(own.text).to.include('You prepared this publication: another supervisor must approve it');
    await expectValid('the editor with an error', own.text);
    for (const lang of ['ky', 'ru'] as const) {
      const { agent } = await staffOfRole(app, 'supervisor', lang);
      await expectValid(`the editor in ${lang}`, (await agent.get(`/staff/cases/${made.reference}/publication`).expect(200)).text);
    }
    expect(await publication(made.caseId)).to.include({ status: 'draft' });

    await staffPost(second, `/staff/cases/${made.reference}/publication`, `/staff/cases/${made.reference}/publication/approve`, {}, 303);
    const published = await publication(made.caseId);
    expect(published).to.include({ status: 'approved' });
    const id = String(published?.id);

    const { agent: reader } = await staffOfRole(app, 'editor');
    for (const lang of ['ky', 'ru', 'en']) {
      const list = await reader.get(`/${lang}/decisions`).expect(200);
      expect(list.text).to.include(organisation).and.include(`/${lang}/decisions/${id}`);
      for (const item of PERSONAL) expect(list.text).not.to.include(item);
      await expectValid(`/${lang}/decisions`, list.text);
    }
    const english = await reader.get(`/en/decisions/${id}`).expect(200);
    expect(english.text).to.include('gave the data to debt collectors').and.include('The decision (in Russian)').and.include('Upheld');
    expect(english.text).to.include('lang="ru"');
    await expectValid('a published decision', english.text);
    for (const item of PERSONAL) expect(english.text).not.to.include(item);
    const russian = await reader.get(`/ru/decisions/${id}`).expect(200);
    expect(russian.text).to.include('статья 9').and.not.include('gave the data');
    const found = await reader.get(`/en/decisions?q=${encodeURIComponent(organisation)}`).expect(200);
    expect(found.text).to.include(`/en/decisions/${id}`);
    const none = await reader.get('/en/decisions?q=nothingmatchesthis').expect(200);
    expect(none.text).to.include('No published decision matches your search.');
    await reader.get('/en/decisions/999999999').expect(404);
    expect(await auditActions(made.reference)).to.deep.equal(['decision.publication.prepared', 'decision.publication.approved']);
  });

  it('takes a withdrawn decision off the public pages at once (the kept pages are cleared)', async () => {
    const id = String((await publication(made.caseId))?.id);
    const { agent: reader } = await staffOfRole(app, 'editor');
    await reader.get('/en/decisions').expect(200);
    expect((await reader.get('/en/decisions').expect(200)).text).to.include(`/en/decisions/${id}`);
    await staffPost(second, `/staff/cases/${made.reference}/publication`, `/staff/cases/${made.reference}/publication/withdraw`, {}, 303);
    expect(await publication(made.caseId)).to.include({ status: 'withdrawn' });
    await waitFor(async () => !(await reader.get('/en/decisions').expect(200)).text.includes(`/en/decisions/${id}`), 'the list without the withdrawn decision');
    await reader.get(`/en/decisions/${id}`).expect(404);
    expect(await auditActions(made.reference)).to.include('decision.publication.withdrawn');
  });
});
