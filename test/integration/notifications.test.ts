import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { TEST_LOG_FILE } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { mailTo, testJobs } from '../support/jobs.ts';

describe('notifications', function () {
  this.timeout(60_000);

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
      for (let i = 0; i < 100; i++) {
        const row = await knex('mail_outbox').where({ case_id: caseId }).first();
        if (row.attempts > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const failed = await knex('mail_outbox').where({ case_id: caseId }).first();
      expect(failed.status).to.equal('pending');
      expect(failed.attempts).to.be.greaterThan(0);
      expect(failed.last_error).not.to.include(email);
      sink.setDown(false);
      await mailTo(email);
      await new Promise((resolve) => setTimeout(resolve, 2500));
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
