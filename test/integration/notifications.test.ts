import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { ParsedMail } from 'mailparser';
import { formatLongDate } from '../../src/lib/dates.ts';
import { buildApp, TEST_LOG_FILE } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { mailTo, testJobs } from '../support/jobs.ts';
import { DELIVER_JOB } from '../../src/features/notifications/service.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';
import { waitFor } from '../support/wait.ts';

const to = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

/** Every outbox row of the case is sent and every delivery job queued for them has finished. */
async function deliveriesSettled(caseId: number): Promise<boolean> {
  const { knex } = testDatabase();
  const rows = await knex('mail_outbox').where({ case_id: caseId }).select<{ id: number; status: string }[]>('id', 'status');
  if (rows.some((row) => row.status !== 'sent')) return false;
  const open = await knex('pgboss.job')
    .where({ name: 'mail-deliver' })
    .whereRaw(`(data->>'outboxId')::bigint = any(?)`, [rows.map((row) => row.id)])
    .whereNot('state', 'completed')
    .count<{ n: number }[]>('* as n');
  return open[0]?.n === 0;
}

describe('notifications', () => {
  it('are written to the outbox with the case and delivered in the case language, with no case content', async () => {
    const { email, reference, caseId } = await createCase({ language: 'ky' });
    const outbox = await testDatabase().knex('mail_outbox').where({ case_id: caseId });
    expect(outbox).to.have.length(1);
    expect(outbox[0].params).to.deep.equal({ reference });
    const mail = await mailTo(email);
    expect(mail.subject).to.equal(`${reference} формаңызды алдык`);
    expect(mail.text).to.include('/ky/track');
    expect(mail.text).not.to.include('Factory case');
    expect(mail.messageId).to.match(/^<outbox-\d+@ukuk>$/);
  });

  it('survive an SMTP outage: delivered once the server is back, and only once', async () => {
    const { sink } = await testJobs();
    sink.setDown(true);
    try {
      const { email, caseId } = await createCase();
      const knex = testDatabase().knex;
      await waitFor(async () => (await knex('mail_outbox').where({ case_id: caseId }).first<{ attempts: number }>()).attempts > 0, 'a failed delivery attempt');
      const failed = await knex('mail_outbox').where({ case_id: caseId }).first();
      expect(failed.status).to.equal('pending');
      expect(failed.attempts).to.be.greaterThan(0);
      expect(failed.last_error).not.to.include(email);
      sink.setDown(false);
      await mailTo(email);
      // Only once: the message is sent and no delivery job for it is left that could send it again.
      const outboxId = (await knex('mail_outbox').where({ case_id: caseId }).first<{ id: number }>()).id;
      await waitFor(async () => {
        const row = await knex('mail_outbox').where({ id: outboxId }).first<{ status: string }>();
        const pending = await knex
          .withSchema('pgboss')
          .table('job')
          .where({ name: DELIVER_JOB })
          .whereRaw("data->>'outboxId' = ?", [String(outboxId)])
          .whereIn('state', ['created', 'retry', 'active'])
          .count<{ count: string }[]>('* as count');
        return row.status === 'sent' && Number(pending[0]?.count) === 0;
      }, 'every delivery job of the message to finish');
      expect(sink.messages.filter((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === email)).to.have.length(1);
      expect((await knex('mail_outbox').where({ case_id: caseId }).first()).status).to.equal('sent');
    } finally {
      sink.setDown(false);
    }
  });

  it('sends the updates one case gets within the window as one e-mail in the case language, later ones in another, none lost', async function () {
    this.timeout(90_000);
    const { sink } = await testJobs();
    const app = await buildApp({ MAIL_BATCH_SECONDS: '4' });
    const made = await createCase({ language: 'ky' });
    await mailTo(made.email);
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const page = `/staff/cases/${made.reference}`;
    for (const step of ['start_triage', 'accept', 'start_investigation']) await staffPost(supervisor, page, `${page}/transitions`, { transition: step }, 303);
    await staffPost(supervisor, page, `${page}/transitions`, { transition: 'request_information', message: 'Келишимдин көчүрмөсүн жибериңиз.' }, 303);
    const { knex } = testDatabase();
    const answerBy = (await knex('cases').where({ id: made.caseId }).first(knex.raw(`to_char(information_due, 'YYYY-MM-DD') as d`))).d as string;

    const batch = await sink.waitFor((mail) => to(mail).includes(made.email) && (mail.text ?? '').includes(`${made.reference} ишиңиз катталды.`));
    expect(batch.subject).to.equal(`${made.reference} ишиңиз боюнча жаңылыктар`);
    expect(batch.text).to.include(`Агенттик ${made.reference} ишиңизди кароого кабыл алды.`);
    expect(batch.text).to.include(`Агенттик ${made.reference} ишиңизди кароону баштады.`);
    expect(batch.text).to.include(`Жооп берүүнүн акыркы күнү: ${formatLongDate(answerBy, 'ky')}.`);
    expect(batch.text).to.include('/ky/track');
    expect(batch.text).not.to.include('Келишимдин');
    await waitFor(() => deliveriesSettled(made.caseId), 'every delivery of the batch');
    expect(sink.messages.filter((mail) => to(mail).includes(made.email))).to.have.length(2);

    // A later update starts a new batch: its own e-mail, its own subject.
    await staffPost(supervisor, page, `${page}/messages`, { template: '', body: 'Дагы бир суроо.' }, 303);
    const later = await sink.waitFor(
      (mail) => to(mail).includes(made.email) && (mail.text ?? '').includes(`Агенттик ${made.reference} ишиңиз боюнча сизге билдирүү жөнөттү.`),
    );
    expect(later.subject).to.equal(`${made.reference} ишиңиз боюнча жаңы билдирүү`);
    await waitFor(() => deliveriesSettled(made.caseId), 'every delivery');
    expect(sink.messages.filter((mail) => to(mail).includes(made.email))).to.have.length(3);
    expect(await knex('mail_outbox').where({ case_id: made.caseId, recipient: made.email }).count<{ n: number }[]>('* as n')).to.deep.equal([{ n: 6 }]);
  });

  it('retries a batch through an SMTP outage and then sends it once', async function () {
    this.timeout(90_000);
    const { sink } = await testJobs();
    const app = await buildApp({ MAIL_BATCH_SECONDS: '1' });
    const made = await createCase();
    await mailTo(made.email);
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const page = `/staff/cases/${made.reference}`;
    const { knex } = testDatabase();
    sink.setDown(true);
    try {
      await staffPost(supervisor, page, `${page}/transitions`, { transition: 'start_triage' }, 303);
      await staffPost(supervisor, page, `${page}/transitions`, { transition: 'accept' }, 303);
      await waitFor(async () => {
        const rows = await knex('mail_outbox').where({ case_id: made.caseId }).whereNotNull('batch_key').select<{ attempts: number }[]>('attempts');
        return rows.length === 2 && rows.every((row) => row.attempts > 0);
      }, 'a failed delivery attempt');
    } finally {
      sink.setDown(false);
    }
    const mail = await sink.waitFor(
      (message) => to(message).includes(made.email) && (message.text ?? '').includes(`Your case ${made.reference} was registered.`),
    );
    expect(mail.text).to.include(`The Agency accepted your case ${made.reference} for consideration.`);
    await waitFor(() => deliveriesSettled(made.caseId), 'every delivery');
    expect(sink.messages.filter((message) => to(message).includes(made.email))).to.have.length(2);
  });

  it('nothing a citizen typed reaches the log', () => {
    const log = readFileSync(TEST_LOG_FILE, 'utf8');
    for (const typed of [
      'Aida Complainant',
      'aida.complaint@example.kg',
      'debt collector',
      'Factory Citizen',
      'Here is the bank letter',
      'Dana DPO',
      'dpo@holder.example.kg',
    ]) {
      expect(log, typed).not.to.include(typed);
    }
  });
});
