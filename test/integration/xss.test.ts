import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { testJobs } from '../support/jobs.ts';
import { signedInStaff, staffPost } from '../support/staff.ts';

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
      parties: [{ role: 'complainant', full_name: PAYLOADS[2] ?? '', email: `xss.${String(Date.now())}@example.kg`, postal_address: joined, phone: PAYLOADS[4] ?? '', position: null, preferred_language: 'en', identity_may_be_shared: true }],
    });
    const { agent: supervisor } = await signedInStaff(app, 'supervisor');
    // Staff write payloads too: a note, a message, a decision.
    await staffPost(supervisor, `/staff/cases/${made.reference}`, `/staff/cases/${made.reference}/notes`, { note: joined }, 303);
    await staffPost(supervisor, `/staff/cases/${made.reference}`, `/staff/cases/${made.reference}/messages`, { template: '', body: joined }, 303);
    const casePage = await supervisor.get(`/staff/cases/${made.reference}`).expect(200);
    expectEscaped(casePage.text, 'staff case page');
    expect(casePage.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expectEscaped((await supervisor.get(`/staff/cases?q=${encodeURIComponent('Org')}`).expect(200)).text, 'staff queue');
    expectEscaped((await supervisor.get(`/staff/cases?q=${encodeURIComponent(PAYLOADS[0] ?? '')}`).expect(200)).text, 'staff queue search');
    // A payload in a validation error comes back escaped in the form.
    const invalid = await staffPost(supervisor, `/staff/cases/${made.reference}`, `/staff/cases/${made.reference}/links`, { linkedReference: PAYLOADS[1] ?? '', kind: 'duplicate' }, 400);
    expectEscaped(invalid.text, 'staff form with errors');

    const citizen = browser(app);
    const signIn = await citizen.get('/en/track').expect(200);
    await citizen.post('/en/track').type('form').send({ _csrf: csrfTokenFrom(signIn.text), reference: made.reference, accessCode: made.code }).expect(303);
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
});
