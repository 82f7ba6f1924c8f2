import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { testJobs } from '../support/jobs.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';
import { answer, dateFields } from '../support/journeys.ts';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '</textarea><script>alert(2)</script>',
];

/** The raw markup of a payload never appears; its escaped text does (or nothing, where the field is not shown). */
function expectEscaped(html: string, where: string): void {
  for (const payload of PAYLOADS.filter((candidate) => candidate.includes('<'))) expect(html, `${where}: ${payload}`).not.to.include(payload);
  expect(html, where).not.to.match(/<script>alert|onerror=alert|onload=alert|href="javascript:/i);
}

describe('XSS payloads in every text field come back escaped', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('in the citizen case space, the staff queue and case page, and the e-mails', async () => {
    const joined = PAYLOADS.join(' ');
    const made = await createCase({
      organisationName: `Org ${PAYLOADS[1] ?? ''}`,
      answers: { whatHappened: { description: joined, incidentDate: PAYLOADS[0] }, outcome: { outcomeDetails: joined } },
      parties: [
        {
          role: 'complainant',
          full_name: PAYLOADS[2] ?? '',
          email: `xss.${String(Date.now())}@example.kg`,
          postal_address: joined,
          phone: PAYLOADS[4] ?? '',
          position: null,
          preferred_language: 'en',
          identity_may_be_shared: true,
        },
      ],
    });
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    // Staff write payloads too: a note, a message, a decision.
    await staffPost(supervisor, `/staff/cases/${made.reference}`, `/staff/cases/${made.reference}/notes`, { note: joined }, 303);
    await staffPost(supervisor, `/staff/cases/${made.reference}`, `/staff/cases/${made.reference}/messages`, { template: '', body: joined }, 303);
    const casePage = await supervisor.get(`/staff/cases/${made.reference}`).expect(200);
    expectEscaped(casePage.text, 'staff case page');
    expect(casePage.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expectEscaped((await supervisor.get(`/staff/cases?q=${encodeURIComponent('Org')}`).expect(200)).text, 'staff queue');
    expectEscaped((await supervisor.get(`/staff/cases?q=${encodeURIComponent(PAYLOADS[0] ?? '')}`).expect(200)).text, 'staff queue search');
    // A payload in a validation error comes back escaped in the form.
    const invalid = await staffPost(
      supervisor,
      `/staff/cases/${made.reference}`,
      `/staff/cases/${made.reference}/links`,
      { linkedReference: PAYLOADS[1] ?? '', kind: 'duplicate' },
      400,
    );
    expectEscaped(invalid.text, 'staff form with errors');

    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: made.reference, accessCode: made.code })
      .expect(303);
    const space = await citizen.get('/en/track/case').expect(200);
    expectEscaped(space.text, 'citizen case space');
    expect(space.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');

    // E-mails carry references and links only: nothing typed reaches them.
    const { sink } = await testJobs();
    const mail = await sink.waitFor((message) => message.subject?.includes(made.reference) === true && message.subject.includes('message'));
    for (const payload of PAYLOADS) expect(mail.text ?? '', payload).not.to.include(payload);
    expect(mail.html === false || mail.html === undefined).to.equal(true);

    // Public search with a payload.
    expectEscaped((await browser(app).get(`/en/search?q=${encodeURIComponent(joined.slice(0, 190))}`)).text, 'search');
    const stored = await testDatabase().knex('case_notes').where({ body: joined }).first();
    expect(stored, 'stored as typed (escaping happens on output)').to.not.equal(undefined);
  });

  it('typed into every text field of the complaint journey, on the check page, the receipt and the staff case page', async () => {
    const payload = PAYLOADS.slice(0, 3).join(' ');
    const agent = browser(app);
    const base = '/en/complaints/new';
    await answer(agent, `${base}/about-you`, {
      fullName: payload,
      email: `xss.journey.${String(Date.now())}@example.kg`,
      postalAddress: payload,
      phone: '',
      preferredLanguage: 'en',
    });
    await answer(agent, `${base}/organisation`, { organisationName: payload, sector: 'banking', organisationAddress: payload });
    await answer(agent, `${base}/what-happened`, {
      ...dateFields('incidentDate', addDays(bishkekToday(), -10)),
      description: payload,
      rightsAffected: 'consent',
      dataKinds: 'contact',
    });
    await answer(agent, `${base}/earlier-contact`, { askedOrganisation: 'no' });
    await answer(agent, `${base}/not-asked-first`, { reasonNotAsked: payload });
    await answer(agent, `${base}/outcome`, { desiredOutcomes: 'explanation', outcomeDetails: payload });
    await answer(agent, `${base}/evidence`, { continue: '1' });
    await answer(agent, `${base}/declarations`, { privacyAccepted: 'yes', identitySharing: 'yes', truthful: 'yes' });
    const check = await agent.get(`${base}/check`).expect(200);
    expectEscaped(check.text, 'check your answers');
    expect(check.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    // A payload in an invalid answer comes back escaped beside the field.
    const invalid = await answer(
      agent,
      `${base}/about-you`,
      { fullName: payload, email: payload, postalAddress: '', phone: payload, preferredLanguage: 'en' },
      400,
    );
    expectEscaped(invalid.text, 'step with errors');
    await answer(agent, `${base}/about-you`, {
      fullName: payload,
      email: `xss.journey2.${String(Date.now())}@example.kg`,
      postalAddress: payload,
      phone: '',
      preferredLanguage: 'en',
    });
    const again = await agent.get(`${base}/check`).expect(200);
    await agent
      .post(`${base}/check`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(again.text), website: '' })
      .expect(303);
    const receipt = await agent.get('/en/complaints/submitted').expect(200);
    expectEscaped(receipt.text, 'receipt');
    const reference = /class="reference">(PDP-\d{4}-\d{6})</.exec(receipt.text)?.[1] ?? '';
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    expectEscaped((await supervisor.get(`/staff/cases/${reference}`).expect(200)).text, 'staff case page');
    expectEscaped((await supervisor.get('/staff/cases?status=all&sort=received').expect(200)).text, 'staff queue');
  });
});
