/**
 * No answer is lost on a form that comes back with errors. One property over every form with several fields —
 * each step of each journey, the letter generator, the quiz and the staff forms: random valid values with one
 * field made invalid are posted, and the form shown again must hold everything else as it was posted (read from
 * the HTML as a browser would: ticked boxes and radios, selected options, input values, textarea text).
 */
import { expect } from 'chai';
import type { Express } from 'express';
import fc from 'fast-check';
import { MESSAGE_TEMPLATES } from '../../src/features/casework/templates.ts';
import { INADMISSIBLE_REASONS, REFERRAL_BODIES, STATUSES } from '../../src/features/cases/workflow.ts';
import { breachJourney } from '../../src/features/intake/breach.ts';
import { complaintJourney } from '../../src/features/intake/complaint.ts';
import type { Field, Journey, Step } from '../../src/features/intake/journey.ts';
import { reportJourney } from '../../src/features/intake/report.ts';
import { REQUEST_TYPES } from '../../src/features/letters/schemas.ts';
import { STAFF_ROLES } from '../../src/features/staff/permissions.ts';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, type Agent } from '../support/browser.ts';
import { createCase } from '../support/factories.ts';
import { PDF } from '../support/files.ts';
import { formFieldNames, formState, type FormSelector } from '../support/html.ts';
import { answer, upload } from '../support/journeys.ts';
import { staffOfRole, staffPost } from '../support/staff.ts';

type DateParts = { day: string; month: string; year: string };
type Value = string | string[] | DateParts | undefined;

interface FieldGen {
  name: string;
  kind: 'text' | 'radios' | 'checkboxes' | 'date';
  valid: fc.Arbitrary<Value>;
  /** A value the form must refuse (undefined: not answered at all). */
  invalid: Value;
  /** Whether the field is checked at all, given the other answers (conditional questions). */
  applies?: (values: Record<string, unknown>) => boolean;
}

interface Target {
  agent: Agent;
  token: string;
  action: string;
  selector: FormSelector;
  method?: 'get';
  fixed?: Record<string, string>;
}

interface FormSpec {
  name: string;
  target: () => Promise<Target>;
  fields: FieldGen[];
}

// Typed text as people type it: Latin, Cyrillic with Kyrgyz letters, digits, and characters HTML must escape.
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщыэюяңөүАБВГҢӨҮXYZ0123456789'.split(''));
const word = fc.string({ unit: letter, minLength: 1, maxLength: 10 });
const text = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '<b>', '&amp;', '"', "'", '!', ' & co'))
  .map(([words, tail]) => words.join(' ') + tail);
const textarea = fc.array(text, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: length, maxLength: length });
const email = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'abcdefghij'.split('')), minLength: 1, maxLength: 8 }), fc.constantFrom('example.kg', 'mail.example.com'))
  .map(([name, domain]) => `${name}@${domain}`);
const pastDate = fc.integer({ min: 1, max: 300 }).map((days): DateParts => {
  const date = new Date(Date.now() - days * 86_400_000);
  return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
});
const isoDay = pastDate.map((parts) => `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`);
const TOO_LONG = 'x'.repeat(20_001);
const IMPOSSIBLE_DATE: DateParts = { day: '31', month: '2', year: '2025' };

/** A journey question's generator, from its definition. */
function fromField(field: Field): FieldGen {
  const choices = [...(field.choices?.values ?? [])];
  const base = { name: field.name, ...(field.applies ? { applies: field.applies } : {}) };
  switch (field.kind) {
    case 'radios':
      // An optional question answered by nothing is valid: what is wrong there is a value that is not a choice.
      return { ...base, kind: 'radios', valid: fc.constantFrom(...choices), invalid: field.optional ? 'not-a-choice' : undefined };
    case 'checkboxes':
      return { ...base, kind: 'checkboxes', valid: fc.subarray(choices, { minLength: 1 }), invalid: 'not-a-choice' };
    case 'confirm':
      return { ...base, kind: 'checkboxes', valid: fc.constant(['yes']), invalid: undefined };
    case 'date':
      return { ...base, kind: 'date', valid: pastDate, invalid: IMPOSSIBLE_DATE };
    case 'email':
      return { ...base, kind: 'text', valid: email, invalid: 'not-an-e-mail' };
    case 'tel':
      return { ...base, kind: 'text', valid: digits(6).map((number) => `+996 555 ${number}`), invalid: 'call me' };
    case 'time':
      return {
        ...base,
        kind: 'text',
        valid: fc
          .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
        invalid: '99:99',
      };
    case 'number':
      return { ...base, kind: 'text', valid: fc.integer({ min: 1, max: 99_999_999 }).map(String), invalid: 'many' };
    case 'textarea':
      return { ...base, kind: 'text', valid: textarea, invalid: TOO_LONG };
    default:
      if (field.name === 'inn') return { ...base, kind: 'text', valid: digits(14), invalid: '123' };
      if (field.name === 'earlierReference') return { ...base, kind: 'text', valid: digits(6).map((n) => `PDP-2026-${n}`), invalid: 'nonsense' };
      return { ...base, kind: 'text', valid: text, invalid: TOO_LONG };
  }
}

function posted(fields: FieldGen[], values: Record<string, Value>): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    if (field.kind === 'date' && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(body, { [`${field.name}-day`]: value.day, [`${field.name}-month`]: value.month, [`${field.name}-year`]: value.year });
    } else body[field.name] = value as string | string[];
  }
  return body;
}

/** A page's token, fetched once: refused forms store nothing, so one session serves every run. */
function once(make: () => Promise<Target>): () => Promise<Target> {
  let made: Promise<Target> | undefined;
  return () => (made ??= make());
}

describe('forms keep every answer when one needs correcting (property)', () => {
  let app: Express;
  const specs: FormSpec[] = [];

  before(async function () {
    this.timeout(120_000);
    app = await buildApp();
    const citizenTarget = (page: string, action = page) =>
      once(async () => {
        const agent = browser(app);
        const html = (await agent.get(page).expect(200)).text;
        return { agent, token: csrfTokenFrom(html), action, selector: { action } };
      });

    for (const journey of [complaintJourney, reportJourney, breachJourney] as Journey[]) {
      const first = `/en/${journey.path}/new/${journey.steps[0]?.id ?? ''}`;
      const page = citizenTarget(first);
      for (const step of journey.steps.filter((candidate: Step) => candidate.kind === 'form')) {
        // The delay reason is asked only once the breach is known to be late (not in a fresh session).
        const fields = (step.fields ?? []).filter((field) => !(step.id === 'timing' && field.name === 'delayReason')).map(fromField);
        if (fields.length < 2) continue;
        const action = `/en/${journey.path}/new/${step.id}`;
        specs.push({ name: `${journey.type} ${step.id}`, fields, target: async () => ({ ...(await page()), action, selector: { action } }) });
      }
    }

    specs.push({
      name: 'request letter',
      target: citizenTarget('/en/letters/new'),
      fields: [
        { name: 'requestType', kind: 'radios', valid: fc.constantFrom(...REQUEST_TYPES), invalid: undefined },
        { name: 'organisationName', kind: 'text', valid: text, invalid: TOO_LONG },
        { name: 'organisationAddress', kind: 'text', valid: textarea, invalid: TOO_LONG },
        { name: 'fullName', kind: 'text', valid: text, invalid: TOO_LONG },
        { name: 'contact', kind: 'text', valid: textarea, invalid: TOO_LONG },
        { name: 'details', kind: 'text', valid: textarea, invalid: TOO_LONG },
        { name: 'sendingDate', kind: 'date', valid: pastDate, invalid: IMPOSSIBLE_DATE },
        { name: 'letterLanguage', kind: 'radios', valid: fc.constantFrom('ky', 'ru', 'en'), invalid: undefined },
      ],
    });

    const quizPage = (await browser(app).get('/en/quiz').expect(200)).text;
    const questions = new Map<string, string[]>();
    for (const match of quizPage.matchAll(/type="radio" id="[^"]*" name="([^"]+)" value="([^"]+)"/g))
      questions.set(match[1] ?? '', [...(questions.get(match[1] ?? '') ?? []), match[2] ?? '']);
    expect(questions.size).to.be.at.least(2);
    specs.push({
      name: 'quiz',
      target: citizenTarget('/en/quiz'),
      fields: [...questions].map(([name, options]) => ({ name, kind: 'radios' as const, valid: fc.constantFrom(...options), invalid: undefined })),
    });

    const { agent: admin } = await staffOfRole(app, 'admin');
    const { agent: supervisor } = await staffOfRole(app, 'supervisor');
    const staffTarget = (agent: Agent, page: string, action: string, extra: Partial<Target> = {}) =>
      once(async () => {
        const html = (await agent.get(page).expect(200)).text;
        return { agent, token: csrfTokenFrom(html), action, selector: { action }, ...extra };
      });
    specs.push({
      name: 'new staff account',
      target: staffTarget(admin, '/staff/users/new', '/staff/users'),
      fields: [
        { name: 'displayName', kind: 'text', valid: text, invalid: TOO_LONG },
        { name: 'email', kind: 'text', valid: email, invalid: 'not-an-e-mail' },
        { name: 'role', kind: 'radios', valid: fc.constantFrom(...STAFF_ROLES), invalid: undefined },
        { name: 'language', kind: 'radios', valid: fc.constantFrom('ky', 'ru', 'en'), invalid: undefined },
      ],
    });
    specs.push({
      name: 'holiday',
      target: staffTarget(supervisor, '/staff/holidays', '/staff/holidays'),
      fields: [
        { name: 'day', kind: 'text', valid: isoDay, invalid: '2026-02-30' },
        { name: 'name_ky', kind: 'text', valid: text, invalid: TOO_LONG },
        { name: 'name_ru', kind: 'text', valid: text, invalid: TOO_LONG },
        { name: 'name_en', kind: 'text', valid: text, invalid: TOO_LONG },
      ],
    });

    const { reference } = await createCase();
    await staffPost(supervisor, `/staff/cases/${reference}`, `/staff/cases/${reference}/transitions`, { transition: 'start_triage' }, 303);
    const casePage = `/staff/cases/${reference}`;
    specs.push({
      name: 'message to the citizen',
      target: staffTarget(supervisor, casePage, `${casePage}/messages`),
      fields: [
        { name: 'template', kind: 'radios', valid: fc.constantFrom(...MESSAGE_TEMPLATES), invalid: 'no-such-template' },
        { name: 'body', kind: 'text', valid: textarea, invalid: TOO_LONG },
      ],
    });
    specs.push({
      name: 'case link',
      target: staffTarget(supervisor, casePage, `${casePage}/links`),
      fields: [
        { name: 'linkedReference', kind: 'text', valid: digits(6).map((n) => `PDP-2026-${n}`), invalid: 'nonsense' },
        { name: 'kind', kind: 'radios', valid: fc.constantFrom('duplicate', 'related'), invalid: undefined },
      ],
    });
    for (const [transition, fields] of [
      [
        'declare_inadmissible',
        [
          { name: 'reasonCode', kind: 'radios', valid: fc.constantFrom(...INADMISSIBLE_REASONS), invalid: undefined },
          { name: 'reasonText', kind: 'text', valid: textarea, invalid: TOO_LONG },
        ],
      ],
      [
        'refer',
        [
          { name: 'referredTo', kind: 'radios', valid: fc.constantFrom(...REFERRAL_BODIES), invalid: undefined },
          { name: 'reasonText', kind: 'text', valid: textarea, invalid: TOO_LONG },
        ],
      ],
    ] as const) {
      specs.push({
        name: `transition ${transition}`,
        target: staffTarget(supervisor, casePage, `${casePage}/transitions`, {
          selector: { action: `${casePage}/transitions`, hidden: ['transition', transition] },
          fixed: { transition },
        }),
        fields: [...fields],
      });
    }

    // The queue: several cases to tick, and the officers to give them to.
    for (let i = 0; i < 3; i++) await createCase();
    const queue = (await supervisor.get('/staff/cases').expect(200)).text;
    const caseIds = [...queue.matchAll(/name="cases" value="(\d+)"/g)].map((match) => match[1] ?? '');
    const officers = [...(/<select[^>]*name="assignTo"[\s\S]*?<\/select>/.exec(queue)?.[0] ?? '').matchAll(/<option value="([^"]+)"/g)]
      .map((match) => match[1] ?? '')
      .filter(Boolean);
    expect(caseIds.length).to.be.at.least(2);
    specs.push({
      name: 'bulk assignment',
      target: staffTarget(supervisor, '/staff/cases', '/staff/cases/assign'),
      fields: [
        { name: 'cases', kind: 'checkboxes', valid: fc.subarray(caseIds, { minLength: 1 }), invalid: undefined },
        { name: 'assignTo', kind: 'radios', valid: fc.constantFrom(...officers), invalid: 'nobody' },
      ],
    });
    specs.push({
      name: 'queue filters',
      target: once(() =>
        Promise.resolve({ agent: supervisor, token: '', action: '/staff/cases', selector: { action: '/staff/cases' }, method: 'get' as const }),
      ),
      fields: [
        { name: 'q', kind: 'text', valid: word, invalid: TOO_LONG.slice(0, 300) },
        { name: 'status', kind: 'radios', valid: fc.constantFrom('open', 'all', ...STATUSES), invalid: 'no-such-status' },
        { name: 'type', kind: 'radios', valid: fc.constantFrom('complaint', 'report', 'breach'), invalid: 'letter' },
        { name: 'language', kind: 'radios', valid: fc.constantFrom('ky', 'ru', 'en'), invalid: 'de' },
        { name: 'from', kind: 'text', valid: isoDay, invalid: '2026-02-30' },
        { name: 'sort', kind: 'radios', valid: fc.constantFrom('deadline', 'received'), invalid: 'random' },
      ],
    });
  });

  it('every form shows again, as posted, every answer but the one to correct', async function () {
    this.timeout(300_000);
    // Samples name the form and the wrong field (not the generators), so a counterexample reads plainly.
    const sample = fc.constantFrom(...specs.map((spec) => spec.name)).chain((name) => {
      const spec = specs.find((candidate) => candidate.name === name) as FormSpec;
      return fc.record({
        form: fc.constant(name),
        values: fc.record(Object.fromEntries(spec.fields.map((field) => [field.name, field.valid])) as Record<string, fc.Arbitrary<Value>>),
        wrongField: fc.constantFrom(...spec.fields.map((field) => field.name)),
      });
    });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(sample, async ({ form, values, wrongField }) => {
        const spec = specs.find((candidate) => candidate.name === form) as FormSpec;
        const wrong = spec.fields.find((field) => field.name === wrongField) as FieldGen;
        const answers: Record<string, Value> = { ...values, [wrong.name]: wrong.invalid };
        fc.pre(wrong.applies?.(answers) ?? true);
        seen.add(spec.name);
        const target = await spec.target();
        const body = { ...posted(spec.fields, answers), ...target.fixed };
        const response =
          target.method === 'get'
            ? await target.agent.get(target.action).query(body)
            : await target.agent
                .post(target.action)
                .type('form')
                .send({ ...body, _csrf: target.token });
        expect(response.status, `${spec.name}: ${wrong.name} made invalid\n${response.text.slice(0, 300)}`).to.equal(400);
        const shown = formState(response.text, target.selector);
        const present = formFieldNames(response.text, target.selector);
        for (const field of spec.fields) {
          if (field.name === wrong.name) continue;
          const expected = posted([field], values);
          for (const [name, value] of Object.entries(expected)) {
            expect(present.has(name), `${spec.name}: the form has ${name}`).to.equal(true);
            expect(shown[name] ?? [], `${spec.name}: ${name} kept when ${wrong.name} is wrong`).to.deep.equal(Array.isArray(value) ? value : [value]);
          }
        }
      }),
      { numRuns: 250 },
    );
    expect([...seen].sort()).to.deep.equal(specs.map((spec) => spec.name).sort());
  });

  it('a file chosen with a step is kept when another answer on it needs correcting', async () => {
    const agent = browser(app);
    await answer(agent, '/en/complaints/new/about-you', { fullName: 'File Keeper', email: 'keeper@example.kg', preferredLanguage: 'en' });
    await answer(agent, '/en/complaints/new/organisation', { organisationName: 'Keeper Bank', sector: 'banking' });
    await answer(agent, '/en/complaints/new/what-happened', {
      'incidentDate-day': '1',
      'incidentDate-month': '10',
      'incidentDate-year': '2026',
      description: 'd',
      rightsAffected: 'access',
      dataKinds: 'financial',
    });
    // The date of the request is impossible; the organisation's answer is attached with it.
    const refused = await upload(agent, '/en/complaints/new/earlier-contact', 'organisationAnswer', [{ name: 'bank-answer.pdf', bytes: PDF }], {
      askedOrganisation: 'yes',
      'requestDate-day': '31',
      'requestDate-month': '2',
      'requestDate-year': '2026',
      answered: 'yes',
    });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include('Attached: bank-answer.pdf');
    expect(formState(refused.text)).to.deep.include({ askedOrganisation: ['yes'], answered: ['yes'], 'requestDate-day': ['31'] });
  });
});
