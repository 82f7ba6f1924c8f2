/**
 * Following a request letter (issue 17): a calendar file, a kept letter under a code with reminders by e-mail
 * and text message on the reply-by day (the reminder job's clock moved, not slept through), the "my request"
 * page, and a complaint from it that carries the organisation, the request's date and kind, and the letter.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { requestReminderJobs } from '../../src/features/letters/reminders.ts';
import { buildApp, testConfig } from '../support/app.ts';
import { browser, csrfTokenFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { mailTo, testJobs } from '../support/jobs.ts';
import { answer, dateFields, receiptFrom } from '../support/journeys.ts';
import { createOrganisation } from '../support/register.ts';
import { waitFor } from '../support/wait.ts';

const tag = (): string => `rt${Date.now().toString(36)}${String(Math.floor(Math.random() * 1000))}`;
const BASE = '/en/complaints/new';

function letterFields(overrides: Record<string, string> = {}, sent = bishkekToday()): Record<string, string> {
  return {
    requestType: 'access',
    organisationName: 'Tracking Test Bank',
    organisationAddress: 'Chui 1, Bishkek',
    fullName: 'Aibek Trackingtest',
    contact: 'Toktogul 5, Bishkek',
    details: '',
    ...dateFields('sendingDate', sent),
    letterLanguage: 'en',
    ...overrides,
  };
}

/** The letter page for these answers (the organisation settled as typed when the register offers look-alikes). */
async function letterPage(agent: Agent, lang: string, fields: Record<string, string>): Promise<string> {
  const form = await agent.get(`/${lang}/letters/new`).expect(200);
  let page = await agent
    .post(`/${lang}/letters/new`)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(form.text) })
    .expect(200);
  if (page.text.includes('name="organisationChoice"')) {
    page = await agent
      .post(`/${lang}/letters/new`)
      .type('form')
      .send({ ...fields, pick: '1', organisationChoice: 'typed', _csrf: csrfTokenFrom(page.text) })
      .expect(200);
  }
  return page.text;
}

/** The hidden fields of the form posting to `action` on the page. */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

async function follow(agent: Agent, lang: string, fields: Record<string, string>, reminder: Record<string, string>, status = 200) {
  const page = await letterPage(agent, lang, fields);
  return agent
    .post(`/${lang}/letters/follow`)
    .type('form')
    .send({ ...formFields(page, `/${lang}/letters/follow`), ...reminder })
    .expect(status);
}

const codeFrom = (html: string): string => /id="request-code">([\d ]+)</.exec(html)?.[1]?.replace(/ /g, '') ?? '';

/** Runs the morning reminder job as if the clock said `day`, 09:00 in Bishkek. */
async function remindersRunOn(day: string): Promise<void> {
  const { queue } = await testJobs();
  const [job] = requestReminderJobs({ knex: testDatabase().knex, jobs: () => queue, config: testConfig(), now: () => new Date(`${day}T09:00:00+06:00`) });
  await job?.handle({} as never, {} as never);
}

describe('following a request letter', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('gives an all-day calendar reminder for the reply-by date in the letter’s language', async () => {
    const agent = browser(app);
    const sent = bishkekToday();
    const page = await letterPage(agent, 'en', letterFields({ letterLanguage: 'ky' }, sent));
    const response = await agent.post('/en/letters/reminder.ics').type('form').send(formFields(page, '/en/letters/reminder.ics')).expect(200);
    expect(response.headers['content-type']).to.match(/^text\/calendar/);
    expect(response.headers['content-disposition']).to.include('reminder.ics');
    const ics = response.text;
    const due = addDays(sent, 7).replace(/-/g, '');
    expect(ics).to.include(`DTSTART;VALUE=DATE:${due}`);
    expect(ics).to.include('SUMMARY:Жооп берүү мөөнөтү: Tracking Test Bank');
    expect(ics).not.to.include('Aibek');
  });

  it('sends the reminder by e-mail and SMS on the reply-by day, not before, then forgets the contact', async function () {
    this.timeout(120_000);
    const { smsSink } = await testJobs();
    const { knex } = testDatabase();
    const word = tag();
    const email = `${word}@example.kg`;
    const phone = `+99670${String(Math.floor(1000000 + Math.random() * 8999999))}`;
    const sent = addDays(bishkekToday(), -2);
    const due = addDays(sent, 7);
    const followed = await follow(browser(app), 'ru', letterFields({ organisationName: `Bank ${word}`, letterLanguage: 'ru' }, sent), {
      reminderEmail: email,
      reminderPhone: phone.replace(/^\+996/, '0'),
      reminderConsent: 'yes',
    });
    expect(followed.headers['cache-control']).to.include('no-store');
    expect(codeFrom(followed.text)).to.match(/^\d{25}$/);
    const stored = await knex('request_reminders').whereIn('contact', [email, phone]).orderBy('channel');
    expect(stored.map((row: { channel: string }) => row.channel)).to.deep.equal(['email', 'sms']);
    // Nothing but the contact, the organisation, the kind and the dates.
    expect(Object.keys(stored[0] as object).sort()).to.deep.equal(
      ['channel', 'contact', 'created_at', 'expires_at', 'id', 'language', 'organisation_name', 'remind_on', 'request_type', 'sending_date'].sort(),
    );
    // Kept no longer than the consent and the privacy notice say: 30 days at most.
    for (const row of stored as { expires_at: Date; created_at: Date }[])
      expect(row.expires_at.getTime() - row.created_at.getTime()).to.be.within(30 * 86_400_000 - 60_000, 30 * 86_400_000 + 60_000);
    await remindersRunOn(addDays(due, -1));
    expect(await knex('request_reminders').whereIn('contact', [email, phone])).to.have.length(2);
    await remindersRunOn(due);
    expect(await knex('request_reminders').whereIn('contact', [email, phone])).to.have.length(0);
    // Both recorded in the audit trail, with no contact, organisation or code in it.
    const kept = await knex('audit_events').where({ action: 'request.kept' }).orderBy('id', 'desc').first();
    expect(kept.actor_type).to.equal('citizen');
    expect(kept.details).to.deep.include({ reminders: ['email', 'sms'] });
    const run = await knex('audit_events').where({ action: 'request.reminders.sent' }).orderBy('id', 'desc').first();
    expect(run.details.sent).to.be.at.least(2);
    const trail = JSON.stringify(await knex('audit_events').where('id', '>=', kept.id));
    for (const personal of [word, email, phone, codeFrom(followed.text)]) expect(trail).not.to.include(personal);
    const mail = await mailTo(email);
    expect(mail.subject).to.equal('Напоминание: сегодня срок ответа на ваш запрос');
    expect(mail.text).to.include(`Bank ${word}`).and.include('копия ваших данных').and.include('/ru/my-request');
    const sms = await smsSink.waitFor((message) => message.to === phone);
    expect(sms.text).to.include(`Bank ${word}`).and.include('/ru/my-request');
    expect(sms.sender).to.equal('Ukuk');
    expect(sms.headers.authorization).to.equal(`Bearer ${smsSink.token}`);
  });

  it('retries a text message the gateway refuses (5xx) until it takes it, and sends it once', async function () {
    this.timeout(120_000);
    const { smsSink } = await testJobs();
    const { knex } = testDatabase();
    const phone = `+99677${String(Math.floor(1000000 + Math.random() * 8999999))}`;
    const sent = addDays(bishkekToday(), -7);
    await follow(browser(app), 'ky', letterFields({ letterLanguage: 'ky' }, sent), { reminderPhone: phone, reminderConsent: 'yes' });
    smsSink.setDown(true);
    try {
      await remindersRunOn(addDays(sent, 7));
      await waitFor(
        async () => ((await knex('mail_outbox').where({ recipient: phone, channel: 'sms' }).first<{ attempts: number } | undefined>())?.attempts ?? 0) > 0,
        'a refused delivery attempt',
      );
      const failed = await knex('mail_outbox').where({ recipient: phone }).first<{ status: string; last_error: string }>();
      expect(failed.status).to.equal('pending');
      expect(failed.last_error).to.equal('sms-503');
      expect(smsSink.refused).to.be.greaterThan(0);
    } finally {
      smsSink.setDown(false);
    }
    const sms = await smsSink.waitFor((message) => message.to === phone);
    expect(sms.text).to.include('Ukuk:').and.include('Tracking Test Bank').and.include('/ky/my-request');
    await waitFor(async () => (await knex('mail_outbox').where({ recipient: phone }).first<{ status: string }>()).status === 'sent', 'the message marked sent');
    expect(smsSink.messages.filter((message) => message.to === phone)).to.have.length(1);
  });

  it('asks for consent and for a real mobile number, keeping what was typed', async () => {
    const agent = browser(app);
    const noConsent = await follow(agent, 'en', letterFields(), { reminderEmail: 'someone@example.kg' }, 400);
    expect(noConsent.text).to.include('Tick the box to agree').and.include('value="someone@example.kg"');
    const landline = await follow(agent, 'ky', letterFields(), { reminderPhone: '+996 312 123456', reminderConsent: 'yes' }, 400);
    expect(landline.text).to.include('Мобилдик телефондун номерин жазыңыз').and.include('value="+996 312 123456"');
    const bad = await follow(agent, 'en', letterFields(), { reminderPhone: '12', reminderConsent: 'yes' }, 400);
    expect(bad.text).to.include('Enter a phone number, like +996 555 123456');
  });

  it('shows the days left on the "my request" page, by the short link or the code, and refuses a wrong code', async () => {
    const agent = browser(app);
    const followed = await follow(agent, 'en', letterFields({}, addDays(bishkekToday(), -3)), {});
    const code = codeFrom(followed.text);
    expect(followed.text).to.include(`/en/my-request/${code}`);
    const byLink = await agent.get(`/en/my-request/${code}`).expect(200);
    expect(byLink.text).to.include('4 days left for the answer').and.include('Aibek Trackingtest');
    expect(byLink.text).not.to.include('You can complain now');
    const signIn = await agent.get('/en/my-request').expect(200);
    const byCode = await agent
      .post('/en/my-request')
      .type('form')
      .send({ code: code.replace(/(\d{5})(?=\d)/g, '$1 '), _csrf: csrfTokenFrom(signIn.text) })
      .expect(200);
    expect(byCode.text).to.include('4 days left for the answer');
    const wrong = await agent
      .post('/en/my-request')
      .type('form')
      .send({ code: '1'.repeat(25), _csrf: csrfTokenFrom(signIn.text) })
      .expect(404);
    expect(wrong.text).to.include('No request was found with this code');
  });

  it('says at once that a letter is past its date, and a complaint from it carries the organisation, the date, the kind and the letter', async function () {
    this.timeout(120_000);
    const word = tag();
    const { id: organisationId, registrationNumber } = await createOrganisation({ nameEn: `${word} Credit`, nameRu: `ОсОО «${word} Кредит»` });
    const agent = browser(app);
    const sent = addDays(bishkekToday(), -10);
    const fields = letterFields(
      { organisationName: `${word} Credit`, organisationNumber: registrationNumber, requestType: 'correction', details: 'My surname is wrong.' },
      sent,
    );
    const page = await letterPage(agent, 'en', fields);
    expect(page).to.include('The organisation&#x27;s week to answer ended on');
    const followed = await agent.post('/en/letters/follow').type('form').send(formFields(page, '/en/letters/follow')).expect(200);
    const code = codeFrom(followed.text);
    const request = await agent.get(`/en/my-request/${code}`).expect(200);
    expect(request.text).to.include('You can complain now');
    const started = await agent
      .post('/en/complaints/new/from-request')
      .type('form')
      .send(formFields(request.text, '/en/complaints/new/from-request'))
      .expect(303);
    expect(started.headers.location).to.equal(`${BASE}/about-you`);
    await answer(agent, `${BASE}/about-you`, { fullName: 'Aibek Trackingtest', email: `${word}@example.kg`, preferredLanguage: 'en' });
    const organisation = await agent.get(`${BASE}/organisation`).expect(200);
    expect(organisation.text).to.include(`value="${registrationNumber}"`);
    await answer(agent, `${BASE}/organisation`, {
      organisationName: `${word} Credit`,
      sector: 'banking',
      organisationAddress: '',
      organisationNumber: registrationNumber,
    });
    await answer(agent, `${BASE}/what-happened`, {
      ...dateFields('incidentDate', addDays(sent, -5)),
      description: 'They keep my wrong surname.',
      rightsAffected: 'correction',
      dataKinds: 'identity',
    });
    const earlier = await agent.get(`${BASE}/earlier-contact`).expect(200);
    expect(earlier.text).to.include('Your request letter is attached: request-letter.pdf');
    expect(earlier.text).to.match(/value="correction"\s*checked/);
    await answer(agent, `${BASE}/earlier-contact`, { askedOrganisation: 'yes', ...dateFields('requestDate', sent), requestType: 'correction', answered: 'no' });
    await answer(agent, `${BASE}/outcome`, { desiredOutcomes: 'correction', outcomeDetails: '' });
    await answer(agent, `${BASE}/evidence`, { continue: '1' });
    await answer(agent, `${BASE}/declarations`, { privacyAccepted: 'yes', identitySharing: 'yes', truthful: 'yes' });
    const check = await agent.get(`${BASE}/check`).expect(200);
    expect(check.text).to.include('Correct my data');
    const receipt = await agent
      .post(`${BASE}/check`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(check.text) })
      .expect(303);
    const { reference } = receiptFrom((await agent.get(receipt.headers.location as string).expect(200)).text);
    const { knex } = testDatabase();
    const filed = await knex('cases').where({ reference }).first<{ id: number; organisation_id: number; answers: Record<string, Record<string, string>> }>();
    expect(filed.organisation_id).to.equal(organisationId);
    expect(filed.answers.earlierContact).to.include({ requestDate: sent, requestType: 'correction', answered: 'no' });
    const files = await knex('attachments').where({ case_id: filed.id, purpose: 'request-letter' });
    expect(files).to.have.length(1);
    expect(files[0]).to.include({ content_type: 'application/pdf', file_name: 'request-letter.pdf' });
  });
});
