/**
 * Text messages as a channel (issue 17): a citizen who gave only a mobile number gets the acknowledgement and
 * the news on their case by SMS through the outbox — short, in the case's language, with no case content — and
 * a resume code texted at most once an hour to one number.
 */
import { expect } from 'chai';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { testJobs } from '../support/jobs.ts';
import { answer } from '../support/journeys.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';
import { waitFor } from '../support/wait.ts';

const randomMobile = (prefix: string): string => `${prefix}${String(Math.floor(1000000 + Math.random() * 8999999))}`;

describe('text messages', () => {
  it('acknowledge a case and tell of news on it, in the case language, without its content', async function () {
    this.timeout(120_000);
    const { smsSink } = await testJobs();
    const app = await buildApp({ MAIL_BATCH_SECONDS: '1' });
    const number = randomMobile('+99655');
    // Typed as people write it; texted to its E.164 form.
    const typed = `0${number.slice(4, 7)} ${number.slice(7)}`;
    const party = {
      role: 'complainant' as const,
      full_name: 'Nurlan Smstest',
      email: null,
      postal_address: null,
      phone: typed,
      position: null,
      preferred_language: 'ky' as const,
      identity_may_be_shared: true,
    };
    const made = await createCase({ language: 'ky', parties: [party], acknowledgeTo: null });
    const received = await smsSink.waitFor((sms) => sms.to === number);
    expect(received.text).to.include(made.reference).and.include('формаңызды алдык').and.include('/ky/track');
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const page = `/staff/cases/${made.reference}`;
    await staffPost(supervisor, page, `${page}/transitions`, { transition: 'start_triage' }, 303);
    await staffPost(supervisor, page, `${page}/transitions`, { transition: 'accept' }, 303);
    const news = await smsSink.waitFor((sms) => sms.to === number && sms.text.includes('жаңылык'));
    expect(news.text).to.match(new RegExp(`^Ukuk: ${made.reference} ишиңиз боюнча жаңылык бар\\. Окуу үчүн кириңиз: https?://\\S+/ky/track$`));
    expect(news.text).not.to.include('Nurlan');
    // The two updates of the window went as one message.
    await waitFor(async () => {
      const rows = await testDatabase().knex('mail_outbox').where({ case_id: made.caseId, channel: 'sms' }).select<{ status: string }[]>('status');
      return rows.length === 3 && rows.every((row) => row.status === 'sent');
    }, 'every text of the case sent');
    expect(smsSink.messages.filter((sms) => sms.to === number)).to.have.length(2);
  });

  it('texts a resume code to a mobile number, once an hour at most', async function () {
    this.timeout(120_000);
    const { smsSink } = await testJobs();
    const app = await buildApp();
    const number = randomMobile('+99670');
    const save = async (): Promise<string> => {
      const agent = browser(app);
      await answer(agent, '/en/complaints/new/about-you', { fullName: 'Saved Smstest', phone: number, preferredLanguage: 'en' });
      const form = await agent.get('/en/complaints/new/save').expect(200);
      const saved = await agent
        .post('/en/complaints/new/save')
        .type('form')
        .send({ phone: number, _csrf: csrfTokenFrom(form.text) })
        .expect(200);
      return saved.text;
    };
    const first = await save();
    expect(first).to.include('We also sent the code by text message to');
    const code = /id="resume-code">([\d ]+)</.exec(first)?.[1] ?? '';
    const sms = await smsSink.waitFor((message) => message.to === number);
    expect(sms.text).to.include(code).and.include('/en/drafts/resume');
    const second = await save();
    expect(second).not.to.include('We also sent the code by text message to');
  });
});
