/**
 * Staff read exactly what the citizen answered: every field of every journey is filled with a distinct value
 * through the real forms, the case is sent, and each answer must appear once, under its own question, in the
 * order of the form — on "check your answers", on the staff case page (in the officer's language), on the
 * citizen's case page and in the summary of their download.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import JSZip from 'jszip';
import { addDays, bishkekToday, formatLongDate } from '../../src/lib/dates.ts';
import { breachJourney } from '../../src/features/intake/breach.ts';
import { complaintJourney } from '../../src/features/intake/complaint.ts';
import type { Field, Journey, Step } from '../../src/features/intake/journey.ts';
import { schemaFor } from '../../src/features/intake/journey.ts';
import { reportJourney } from '../../src/features/intake/report.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, type Agent } from '../support/browser.ts';
import { createCase } from '../support/factories.ts';
import { summaryRows, type SummaryRow } from '../support/html.ts';
import { receiptFrom } from '../support/journeys.ts';
import { staffOfRole } from '../support/staff.ts';

const translator = createTranslator({ strict: true });
const today = bishkekToday();

/** Dates that keep the journeys' rules: asked before answered, happened before discovered, discovered > 72 h ago. */
const DAYS_AGO: Record<string, number> = { incidentDate: 40, requestDate: 20, answerDate: 15, occurredDate: 8, discoveredDate: 5 };
const TIMES: Record<string, string> = { discoveredTime: '09:30', occurredTime: '07:15' };
const NUMBERS: Record<string, string> = { approxPeople: '120000', approxRecords: '3500000' };

interface Filled {
  step: Step;
  field: Field;
  /** What was posted (the ISO date for dates). */
  value: string | string[];
}

let counter = 0;

/** A distinct, valid value for each question of a step; `forced` chooses the answers that open conditional questions. */
function fill(
  step: Step,
  forced: Record<string, string | string[]>,
  earlierReference: string,
): { posted: Record<string, string | string[]>; filled: Filled[] } {
  const posted: Record<string, string | string[]> = {};
  const values: Record<string, unknown> = {};
  const filled: Filled[] = [];
  for (const field of step.fields ?? []) {
    counter++;
    const n = String(counter).padStart(3, '0');
    let value: string | string[];
    const choices = field.choices?.values ?? [];
    switch (field.kind) {
      case 'radios':
        // "health" where a question offers it: another question's "health" must never answer for it.
        value = (forced[field.name] as string | undefined) ?? (choices.includes('health') ? 'health' : (choices[choices.length - 1] ?? ''));
        break;
      case 'checkboxes':
        // One ticked box posts a string: the case the forms used to lose.
        value = forced[field.name] ?? (choices.includes('health') ? 'health' : (choices[1] ?? ''));
        break;
      case 'confirm':
        value = 'yes';
        break;
      case 'date':
        value = addDays(today, -(DAYS_AGO[field.name] ?? 30));
        break;
      case 'time':
        value = TIMES[field.name] ?? '10:00';
        break;
      case 'number':
        value = NUMBERS[field.name] ?? '42';
        break;
      case 'email':
        value = `${field.name.toLowerCase()}.v${n}@example.kg`;
        break;
      case 'tel':
        value = `+996 555 ${n}${n}`;
        break;
      case 'textarea':
        value = `Жооп v${n} ${field.name}\nэкинчи сап v${n}`;
        break;
      default:
        value = field.name === 'inn' ? `01234567890${n}` : field.name === 'earlierReference' ? earlierReference : `Ответ v${n} ${field.name}`;
    }
    values[field.name] = value;
    if (field.kind === 'date' && typeof value === 'string') {
      const [year = '', month = '', day = ''] = value.split('-');
      Object.assign(posted, { [`${field.name}-day`]: String(Number(day)), [`${field.name}-month`]: String(Number(month)), [`${field.name}-year`]: year });
    } else posted[field.name] = value;
    filled.push({ step, field, value });
  }
  return { posted, filled: filled.filter((entry) => entry.field.applies?.(values) ?? true) };
}

/** Walks a journey as a browser would, following the portal's redirects, and sends it. */
async function sendJourney(
  app: Express,
  journey: Journey,
  forced: Record<string, string | string[]>,
  earlierReference = '',
): Promise<{ filled: Filled[]; reference: string; code: string; check: string }> {
  const agent = browser(app);
  const filled: Filled[] = [];
  let url = `/en/${journey.path}/new/${journey.steps[0]?.id ?? ''}`;
  for (let guard = 0; !url.endsWith('/check'); guard++) {
    expect(guard).to.be.below(20);
    const id = url.split('/').pop()?.split('?')[0] ?? '';
    const step = journey.steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`unknown step ${url}`);
    const page = await agent.get(url).expect(200);
    const { posted, filled: stepFilled } = step.kind === 'evidence' ? { posted: { continue: '1' }, filled: [] } : fill(step, forced, earlierReference);
    const response = await agent
      .post(url)
      .type('form')
      .send({ ...posted, _csrf: csrfTokenFrom(page.text) });
    expect(response.status, `${url}: ${response.text.slice(0, 2000)}`).to.equal(303);
    filled.push(...stepFilled);
    url = response.headers.location ?? '';
  }
  const check = await agent.get(url).expect(200);
  await agent
    .post(url)
    .type('form')
    .send({ _csrf: csrfTokenFrom(check.text), website: '' })
    .expect(303);
  const { reference, code } = receiptFrom((await agent.get(`/en/${journey.path}/submitted`).expect(200)).text);
  return { filled, reference, code, check: check.text };
}

/** How an answer must read in `lang`, worked out from the field's own definition. */
function expectedValue(entry: Filled, lang: 'ky' | 'ru' | 'en'): string | string[] {
  const t = translator.forLanguage(lang);
  const { field, value } = entry;
  const list = Array.isArray(value) ? value : [value];
  switch (field.kind) {
    case 'radios':
      return t(`${field.choices?.prefix ?? ''}.${String(value)}`);
    case 'checkboxes':
      return list.map((item) => t(`${field.choices?.prefix ?? ''}.${item}`));
    case 'confirm':
      return t('intake.yesNo.yes');
    case 'date':
      return formatLongDate(String(value), lang);
    case 'number':
      return new Intl.NumberFormat(lang).format(Number(value));
    default:
      return String(value);
  }
}

function labelOf(field: Field, lang: 'ky' | 'ru' | 'en'): string {
  return translator.forLanguage(lang)(field.kind === 'confirm' && field.statement ? field.statement : field.label);
}

const normalise = (text: string | string[]): string | string[] =>
  Array.isArray(text) ? text.map((item) => item.replace(/\s+/g, ' ').trim()) : text.replace(/\s+/g, ' ').trim();

/** Each answer once, under its own label, in the form's order; distinct typed values appear exactly once. */
function expectAnswers(where: string, rows: SummaryRow[], filled: Filled[], lang: 'ky' | 'ru' | 'en', pageText: string): void {
  const labels = filled.map((entry) => labelOf(entry.field, lang));
  expect(new Set(labels).size, `${where}: labels of one journey are distinct`).to.equal(labels.length);
  const shown = rows.map((row) => row.label);
  for (const [index, entry] of filled.entries()) {
    const label = labels[index] ?? '';
    const matching = rows.filter((row) => row.label === label);
    expect(matching, `${where}: one row for "${label}" (${entry.step.id}.${entry.field.name}); rows: ${shown.join(' | ')}`).to.have.length(1);
    expect(normalise(matching[0]?.value ?? ''), `${where}: ${entry.step.id}.${entry.field.name}`).to.deep.equal(normalise(expectedValue(entry, lang)));
  }
  // In the order of the form.
  expect(
    shown.filter((label) => labels.includes(label)),
    `${where}: order`,
  ).to.deep.equal(labels);
  // Typed values are distinct: each shows exactly once on the whole page (never under another question too).
  const text = pageText.replace(/\s+/g, ' ');
  for (const entry of filled) {
    if (['radios', 'checkboxes', 'confirm', 'date', 'number', 'time'].includes(entry.field.kind) || entry.field.name === 'earlierReference') continue;
    const needle = normalise(String(entry.value)) as string;
    expect(text.split(needle).length - 1, `${where}: "${needle}" once`).to.equal(1);
  }
  for (const row of rows) {
    for (const value of Array.isArray(row.value) ? row.value : [row.value])
      expect(value, `${where}: ${row.label} shows a raw value`).not.to.match(/^(true|false|\d{4}-\d{2}-\d{2}|[a-z]+(-[a-z]+)*)$/);
  }
}

function answersSection(html: string): string {
  const match = /<section class="section" aria-labelledby="answers-title">[\s\S]*?<\/section>/.exec(html);
  if (!match) throw new Error('no answers section');
  return match[0]
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

async function citizenCopy(app: Express, reference: string, code: string): Promise<{ page: string; summary: string }> {
  const agent: Agent = browser(app);
  const signIn = await agent.get('/ky/track').expect(200);
  await agent
    .post('/ky/track')
    .type('form')
    .send({ _csrf: csrfTokenFrom(signIn.text), reference, accessCode: code })
    .expect(303);
  const page = await agent.get('/ky/track/case').expect(200);
  const download = await agent
    .get('/ky/track/case/download')
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const zip = await JSZip.loadAsync(download.body as Buffer);
  return { page: page.text, summary: (await zip.file(`${reference}/answers.txt`)?.async('string')) ?? '' };
}

/** The download's text: each question on its line, its answer (or each chosen item) indented under it. */
function expectSummary(summary: string, filled: Filled[], lang: 'ky' | 'ru' | 'en'): void {
  for (const entry of filled) {
    const expected = expectedValue(entry, lang);
    const lines = Array.isArray(expected) ? expected.map((item) => `  - ${item}`) : expected.split('\n').map((line) => `  ${line}`);
    expect(summary, `summary: ${entry.field.name}`).to.include(`${labelOf(entry.field, lang)}\n${lines.join('\n')}`);
  }
}

describe('answers: staff and citizen read exactly what was answered', () => {
  let app: Express;
  let staff: Agent;
  let earlierBreach: string;

  before(async () => {
    app = await buildApp();
    ({ agent: staff } = await staffOfRole(app, 'supervisor', 'ru'));
    earlierBreach = (await createCase({ type: 'breach', organisationInn: '01234567891234', parties: [] })).reference;
  });

  const variants: { name: string; journey: Journey; forced: Record<string, string | string[]> }[] = [
    {
      name: 'a complaint answered by the organisation',
      journey: complaintJourney,
      forced: { askedOrganisation: 'yes', answered: 'yes', identitySharing: 'no', preferredLanguage: 'ru', desiredOutcomes: ['deletion', 'explanation'] },
    },
    {
      name: 'a complaint without asking the organisation first',
      journey: complaintJourney,
      forced: { askedOrganisation: 'no', identitySharing: 'yes', preferredLanguage: 'ky' },
    },
    { name: 'a named violation report', journey: reportJourney, forced: { anonymous: 'no', knowDate: 'yes', preferredLanguage: 'en' } },
    {
      name: 'an anonymous violation report',
      journey: reportJourney,
      forced: { anonymous: 'yes', knowDate: 'no', dataKinds: ['images', 'children'], preferredLanguage: 'ky' },
    },
    {
      name: 'a late follow-up breach notification',
      journey: breachJourney,
      forced: { occurredKnown: 'yes', peopleTold: 'yes', isFollowUp: 'yes', nature: ['confidentiality', 'availability'] },
    },
  ];
  const covered = new Map<Journey, Set<string>>();

  for (const variant of variants) {
    it(`${variant.name}: check page, staff page, citizen's page and download`, async () => {
      const { filled, reference, code, check } = await sendJourney(app, variant.journey, variant.forced, earlierBreach);
      for (const entry of filled)
        (covered.get(variant.journey) ?? covered.set(variant.journey, new Set()).get(variant.journey))?.add(`${entry.step.id}.${entry.field.name}`);
      expectAnswers('check page', summaryRows(check, 'answers'), filled, 'en', check.replace(/<[^>]+>/g, ' '));

      const staffPage = await staff.get(`/staff/cases/${reference}`).expect(200);
      expectAnswers('staff page', summaryRows(staffPage.text, 'answers-title'), filled, 'ru', answersSection(staffPage.text));

      const copy = await citizenCopy(app, reference, code);
      expectAnswers("citizen's page", summaryRows(copy.page, 'answers-title'), filled, 'ky', answersSection(copy.page));
      expectSummary(copy.summary, filled, 'ky');
    });
  }

  it('together, the cases above filled every question of every journey', () => {
    for (const journey of [complaintJourney, reportJourney, breachJourney]) {
      const all = journey.steps.flatMap((step) => (step.fields ?? []).map((field) => `${step.id}.${field.name}`));
      expect([...(covered.get(journey) ?? [])].sort(), journey.type).to.deep.equal(all.sort());
    }
  });

  it('every step asks exactly the questions its rules check', () => {
    for (const journey of [complaintJourney, reportJourney, breachJourney]) {
      for (const step of journey.steps.filter((candidate) => candidate.kind === 'form')) {
        const schema = schemaFor(step, {}) as unknown as { shape?: object; def?: { in?: { shape?: object } } };
        const shape = schema.shape ?? schema.def?.in?.shape ?? {};
        expect((step.fields ?? []).map((field) => field.name).sort(), `${journey.type} ${step.id}`).to.deep.equal(Object.keys(shape).sort());
      }
    }
  });

  it('older cases still read naturally: booleans, missing answers and columns kept outside the answers', async () => {
    const { reference } = await createCase({
      type: 'breach',
      organisationName: 'Old Holder LLC',
      organisationInn: '09876543210987',
      sector: null,
      answers: {
        breach: { description: 'An old notification.', nature: 'integrity' },
        affected: { approxPeople: 2500 },
        timing: { delayReason: '', isFollowUp: false },
        hoursToNotify: 30,
      },
      parties: [
        {
          role: 'notifier',
          full_name: 'Old Notifier',
          email: 'old@holder.example.kg',
          postal_address: null,
          phone: null,
          position: 'Director',
          preferred_language: 'en',
          identity_may_be_shared: true,
        },
      ],
    });
    const page = await staff.get(`/staff/cases/${reference}`).expect(200);
    const rows = summaryRows(page.text, 'answers-title');
    const t = translator.forLanguage('ru');
    const row = (key: string) => rows.find((candidate) => candidate.label === t(key))?.value;
    expect(row('intake.fields.inn')).to.equal('09876543210987');
    expect(row('intake.fields.contactPosition')).to.equal('Director');
    expect(row('intake.fields.nature')).to.deep.equal([t('intake.breach.nature.integrity')]);
    expect(normalise(row('intake.fields.approxPeople') ?? '')).to.equal(normalise(new Intl.NumberFormat('ru').format(2500)));
    expect(row('intake.fields.isFollowUp')).to.equal(t('intake.yesNo.no'));
    expect(row('intake.fields.discoveredDate')).to.equal(t('intake.notGiven'));
    expect(row('intake.fields.approxRecords')).to.equal(t('intake.notKnown'));
    expect(
      rows
        .map((candidate) => candidate.value)
        .flat()
        .join(' '),
    ).not.to.match(/\b(true|false|integrity)\b/);
  });
});
