import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { TEST_LOG_FILE } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { mailTo, testJobs } from '../support/jobs.ts';
import { waitFor } from '../support/wait.ts';
import { DELIVER_JOB } from '../../src/features/notifications/service.ts';

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
      await waitFor(async () => ((await knex('mail_outbox').where({ case_id: caseId }).first<{ attempts: number }>()).attempts > 0), 'a failed delivery attempt');
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
        const pending = await knex.withSchema('pgboss').table('job').where({ name: DELIVER_JOB }).whereRaw("data->>'outboxId' = ?", [String(outboxId)]).whereIn('state', ['created', 'retry', 'active']).count<{ count: string }[]>('* as count');
        return row.status === 'sent' && Number(pending[0]?.count) === 0;
      }, 'every delivery job of the message to finish');
      expect(sink.messages.filter((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === email)).to.have.length(1);
      expect((await knex('mail_outbox').where({ case_id: caseId }).first()).status).to.equal('sent');
    } finally {
      sink.setDown(false);
    }
  });

  it('nothing a citizen typed reaches the log', () => {
    const log = readFileSync(TEST_LOG_FILE, 'utf8');
    for (const typed of ['Aida Complainant', 'aida.complaint@example.kg', 'debt collector', 'Factory Citizen', 'Here is the bank letter', 'Dana DPO', 'dpo@holder.example.kg']) {
      expect(log, typed).not.to.include(typed);
    }
  });
});
