import { expect } from 'chai';
import type { Express } from 'express';
import fc from 'fast-check';
import type { z } from 'zod';
import { assignForm, bulkAssignForm, linkForm, messageForm as staffMessageForm, noteForm, queueQuery, transitionForms } from '../../src/features/casework/schemas.ts';
import { searchQuery } from '../../src/features/content/schemas.ts';
import { breachJourney } from '../../src/features/intake/breach.ts';
import { complaintJourney } from '../../src/features/intake/complaint.ts';
import { schemaFor, type Journey } from '../../src/features/intake/journey.ts';
import { reportJourney } from '../../src/features/intake/report.ts';
import { letterForm } from '../../src/features/letters/schemas.ts';
import { codeForm, languageForm, loginForm, newUserForm, passwordForm, roleForm } from '../../src/features/staff/schemas.ts';
import { lostCodeForm, messageForm, signInForm } from '../../src/features/track/schemas.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { validate } from '../../src/http/validation.ts';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom } from '../support/browser.ts';
import { signedInStaff } from '../support/staff.ts';

/** Form-like input: the field names a schema knows plus junk, each a string, a list of strings, or missing. */
function formInput(fields: string[]) {
  const value = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), fc.constantFrom('', ' ', 'yes', 'no', '2026-02-30', '<script>alert(1)</script>', "' or 1=1 --", '../../etc/passwd'));
  return fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), value, { maxKeys: fields.length + 3 });
}

function fieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } }).shape;
  return shape ? Object.keys(shape) : ['body', 'email', 'password', 'code'];
}

const journeySchemas = (journey: Journey) => journey.steps.flatMap((step) => {
  const schema = schemaFor(step, {});
  return schema ? [[`${journey.path}/${step.id}`, schema] as const] : [];
});

const SCHEMAS: (readonly [string, z.ZodType])[] = [
  ...journeySchemas(complaintJourney),
  ...journeySchemas(reportJourney),
  ...journeySchemas(breachJourney),
  ['letter', letterForm], ['track sign-in', signInForm], ['lost code', lostCodeForm], ['citizen message', messageForm], ['search', searchQuery],
  ['staff login', loginForm], ['staff code', codeForm], ['staff password', passwordForm('someone@agency.kg')], ['staff language', languageForm], ['new user', newUserForm], ['role', roleForm],
  ['queue', queueQuery], ['staff message', staffMessageForm], ['note', noteForm], ['link', linkForm], ['assign', assignForm], ['bulk assign', bulkAssignForm],
  ...Object.entries(transitionForms).map(([name, schema]) => [`transition ${name}`, schema] as const),
];

describe('fuzzing: arbitrary input never breaks a form', () => {
  const translator = createTranslator({ strict: true });

  for (const [name, schema] of SCHEMAS) {
    it(`${name}: any input is accepted or refused with translated messages`, () => {
      fc.assert(
        fc.property(formInput(fieldsOf(schema)), (input) => {
          const result = validate(schema, input);
          if (!result.ok) {
            for (const error of result.errors.list) {
              for (const lang of ['ky', 'ru', 'en'] as const) expect(translator.exists(lang, error.key), `${name}: ${error.key} in ${lang}`).to.equal(true);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

/** Inputs that once gave a 500: checked on every run, and mixed into the random ones. */
const SEARCHES_THAT_FAILED = [`${'-'.repeat(40)}a`, `${'- '.repeat(40)}a`, `a ${'-'.repeat(60)}`];

/** Queue cursors (base64url JSON of the last row's key and id) holding dates that do not exist. */
const CURSORS_THAT_FAILED = [['2026-13-45', 1], ['2026-02-30', 7], ['2026-12-05 25:61:00+06', 3], ['0000-00-00 00:00:00', 1], ['2026-12-05', 2 ** 60]].map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url'));

describe('fuzzing over HTTP: no input gives a 500', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('search answers every query with a page', async () => {
    const agent = browser(app);
    for (const q of SEARCHES_THAT_FAILED) {
      for (const lang of ['ky', 'ru', 'en']) expect((await agent.get(`/${lang}/search`).query({ q })).status, `${lang} ${q}`).to.equal(400);
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 250 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('&', '"', "'); drop table cases; --", '%', '_', '\\', '<b>', 'a:*', '!!', '|', ...SEARCHES_THAT_FAILED)), fc.constantFrom('ky', 'ru', 'en'), async (q, lang) => {
        const response = await agent.get(`/${lang}/search`).query({ q });
        expect([200, 400], q).to.include(response.status);
      }),
      { numRuns: 60 },
    );
  });

  it('complaint steps answer every posted form with a page or a redirect', async () => {
    const agent = browser(app);
    const page = await agent.get('/en/complaints/new/about-you').expect(200);
    const token = csrfTokenFrom(page.text);
    const steps = complaintJourney.steps.filter((step) => step.kind === 'form').map((step) => step.id);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...steps), formInput(['fullName', 'email', 'organisationName', 'description', 'askedOrganisation', 'incidentDate-day', 'incidentDate-month', 'incidentDate-year', 'privacyAccepted']), async (step, fields) => {
        const response = await agent.post(`/en/complaints/new/${step}`).type('form').send({ ...fields, _csrf: token });
        expect(response.status, `${step} ${JSON.stringify(fields).slice(0, 200)}`).to.be.oneOf([200, 303, 400, 422]);
      }),
      { numRuns: 60 },
    );
  });

  it('the staff queue answers every filter with a page', async () => {
    const { agent } = await signedInStaff(app, 'supervisor');
    for (const after of CURSORS_THAT_FAILED) {
      for (const sort of ['deadline', 'received']) {
        const response = await agent.get('/staff/cases').query({ after, sort });
        expect(response.status, `${sort} ${Buffer.from(after, 'base64url').toString()}`).to.equal(400);
        expect(response.text).to.include('This page link is out of date or damaged');
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.tuple(formInput(['status', 'type', 'assignee', 'sector', 'language', 'due', 'from', 'to', 'q', 'sort', 'after']), fc.option(fc.constantFrom(...CURSORS_THAT_FAILED))).map(([query, after]) => (after ? { ...query, after } : query)), async (query) => {
        const response = await agent.get('/staff/cases').query(query as Record<string, string>);
        expect(response.status, JSON.stringify(query).slice(0, 200)).to.be.oneOf([200, 400]);
      }),
      { numRuns: 60 },
    );
  });
});
