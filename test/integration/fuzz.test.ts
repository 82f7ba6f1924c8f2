import { expect } from 'chai';
import type { Express } from 'express';
import fc from 'fast-check';
import type { z } from 'zod';
import {
  assignForm,
  bulkAssignForm,
  linkForm,
  messageForm as staffMessageForm,
  noteForm,
  queueQuery,
  transitionForms,
} from '../../src/features/casework/schemas.ts';
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
import { browser, csrfTokenFrom, multipartActionFrom } from '../support/browser.ts';
import { answer } from '../support/journeys.ts';
import { BOUNDARY, CLOSING, fieldPart, filePartHeader } from '../support/uploads.ts';
import { staffOfRole } from '../support/staff.ts';

/** Form-like input: the field names a schema knows plus junk, each a string, a list of strings, or missing. */
function formInput(fields: string[]) {
  const value = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
    fc.constantFrom('', ' ', 'yes', 'no', '2026-02-30', '<script>alert(1)</script>', "' or 1=1 --", '../../etc/passwd'),
  );
  return fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), value, { maxKeys: fields.length + 3 });
}

function fieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } }).shape;
  return shape ? Object.keys(shape) : ['body', 'email', 'password', 'code'];
}

const journeySchemas = (journey: Journey) =>
  journey.steps.flatMap((step) => {
    const schema = schemaFor(step, {});
    return schema ? [[`${journey.path}/${step.id}`, schema] as const] : [];
  });

const SCHEMAS: (readonly [string, z.ZodType])[] = [
  ...journeySchemas(complaintJourney),
  ...journeySchemas(reportJourney),
  ...journeySchemas(breachJourney),
  ['letter', letterForm],
  ['track sign-in', signInForm],
  ['lost code', lostCodeForm],
  ['citizen message', messageForm],
  ['search', searchQuery],
  ['staff login', loginForm],
  ['staff code', codeForm],
  ['staff password', passwordForm('someone@agency.kg')],
  ['staff language', languageForm],
  ['new user', newUserForm],
  ['role', roleForm],
  ['queue', queueQuery],
  ['staff message', staffMessageForm],
  ['note', noteForm],
  ['link', linkForm],
  ['assign', assignForm],
  ['bulk assign', bulkAssignForm],
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
const CURSORS_THAT_FAILED = [
  ['2026-13-45', 1],
  ['2026-02-30', 7],
  ['2026-12-05 25:61:00+06', 3],
  ['0000-00-00 00:00:00', 1],
  ['2026-12-05', 2 ** 60],
].map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url'));

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
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 250 }),
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.constantFrom('&', '"', "'); drop table cases; --", '%', '_', '\\', '<b>', 'a:*', '!!', '|', ...SEARCHES_THAT_FAILED),
        ),
        fc.constantFrom('ky', 'ru', 'en'),
        async (q, lang) => {
          const response = await agent.get(`/${lang}/search`).query({ q });
          expect([200, 400], q).to.include(response.status);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('complaint steps answer every posted form with a page or a redirect', async () => {
    const agent = browser(app);
    const page = await agent.get('/en/complaints/new/about-you').expect(200);
    const token = csrfTokenFrom(page.text);
    const steps = complaintJourney.steps.filter((step) => step.kind === 'form').map((step) => step.id);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...steps),
        formInput([
          'fullName',
          'email',
          'organisationName',
          'description',
          'askedOrganisation',
          'incidentDate-day',
          'incidentDate-month',
          'incidentDate-year',
          'privacyAccepted',
        ]),
        async (step, fields) => {
          const response = await agent
            .post(`/en/complaints/new/${step}`)
            .type('form')
            .send({ ...fields, _csrf: token });
          expect(response.status, `${step} ${JSON.stringify(fields).slice(0, 200)}`).to.be.oneOf([200, 303, 400, 422]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the staff queue answers every filter with a page', async () => {
    const { agent } = await staffOfRole(app, 'supervisor');
    for (const after of CURSORS_THAT_FAILED) {
      for (const sort of ['deadline', 'received']) {
        const response = await agent.get('/staff/cases').query({ after, sort });
        expect(response.status, `${sort} ${Buffer.from(after, 'base64url').toString()}`).to.equal(400);
        expect(response.text).to.include('This page link is out of date or damaged');
      }
    }
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(
            formInput(['status', 'type', 'assignee', 'sector', 'language', 'due', 'from', 'to', 'q', 'sort', 'after']),
            fc.option(fc.constantFrom(...CURSORS_THAT_FAILED)),
          )
          .map(([query, after]) => (after ? { ...query, after } : query)),
        async (query) => {
          const response = await agent.get('/staff/cases').query(query as Record<string, string>);
          expect(response.status, JSON.stringify(query).slice(0, 200)).to.be.oneOf([200, 400]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('fuzzing multipart bodies: a malformed one is a translated 400, never a 500', () => {
  let app: Express;
  let agent: ReturnType<typeof browser>;
  let action: string;
  before(async () => {
    app = await buildApp();
    agent = browser(app);
    await answer(agent, '/ky/reports/new/what-happened', { organisationName: 'Fuzz Org', sector: 'online', description: 'd', knowDate: 'no' });
    action = multipartActionFrom((await agent.get('/ky/reports/new/evidence').expect(200)).text);
  });

  const post = (body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) => agent.post(action).set('Content-Type', contentType).send(body);
  const CORPUS: [string, () => ReturnType<typeof post>][] = [
    ['no boundary in the content type', () => post(Buffer.concat([fieldPart('upload', '1'), CLOSING]), 'multipart/form-data')],
    ['a part header without a colon', () => post(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition form-data name="upload"\r\n\r\n1\r\n--${BOUNDARY}--\r\n`))],
    [
      'no closing boundary',
      () => post(Buffer.concat([fieldPart('upload', '1'), filePartHeader('evidence', 'a.pdf'), Buffer.from('%PDF-1.4 and then nothing')])),
    ],
    ['a field over 64 KB', () => post(Buffer.concat([fieldPart('upload', 'x'.repeat(65 * 1024)), CLOSING.subarray(2)]))],
    [
      'more than 100 fields',
      () => post(Buffer.concat([...Array.from({ length: 101 }, (_, index) => fieldPart(`field${String(index)}`, 'x')), CLOSING.subarray(2)])),
    ],
  ];
  for (const [label, send] of CORPUS) {
    it(`${label}: a translated 400 page`, async () => {
      const response = await send();
      expect(response.status, response.text.slice(0, 200)).to.equal(400);
      expect(response.text).to.include('<html lang="ky">').and.include('Суроодо бир нерсе туура эмес');
    });
  }

  it('random bytes and random cuts of a valid body: a page or a redirect, never a 500', async () => {
    const valid = Buffer.concat([fieldPart('upload', '1'), filePartHeader('evidence', 'notes.txt', 'text/plain'), Buffer.from('Some notes.'), CLOSING]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
          fc.nat({ max: valid.length }).map((cut) => valid.subarray(0, cut)),
          fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => Buffer.from(valid).fill(byte, at, at + 1)),
        ),
        async (body) => {
          const response = await post(body);
          expect([303, 400, 413], `${String(response.status)} for ${body.toString('latin1').slice(0, 120)}`).to.include(response.status);
        },
      ),
      { numRuns: 80 },
    );
  });
});
