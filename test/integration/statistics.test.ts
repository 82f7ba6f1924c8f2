import { expect } from 'chai';
import { decodeHTML } from 'entities';
import type { Express } from 'express';
import supertest from 'supertest';
import { LANGUAGES } from '../../src/config.ts';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { breaches, decisionDays, monthly, officerDeadlines, openByAge, outcomes, topOrganisations } from '../../src/features/statistics/repository.ts';
import {
  breachesRollup,
  decisionDaysRollup,
  monthlyRollup,
  officerDeadlinesRollup,
  openByAgeRollup,
  organisationsRollup,
  outcomesRollup,
} from '../../src/features/statistics/rollup-repository.ts';
import { refreshSnapshot, statisticsJobs } from '../../src/features/statistics/service.ts';
import { buildApp } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { pdfText } from '../support/pdf.ts';
import { signedInStaff, staffOfRole } from '../support/staff.ts';

const knex = () => testDatabase().knex;

/** The rows of a panel's table (its heading cell first), as text. */
function panelRows(html: string, id: string): string[][] {
  const start = html.indexOf(`aria-labelledby="${id}-heading"`);
  expect(start, `panel ${id}`).to.be.greaterThan(-1);
  const section = html.slice(start, html.indexOf('</section>', start));
  const body = section.slice(section.indexOf('<tbody>'), section.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((cell) => decodeHTML((cell[1] ?? '').replace(/<[^>]+>/g, '')).trim()),
  );
}

const row = (rows: string[][], heading: string) => rows.find((found) => found[0] === heading);
const INVESTIGATION = 'Examination';

/** A month of its own in a past year, so that this run's cases are the only ones received in it. */
const YEAR = 2011 + Math.floor(Math.random() * 4);
const MONTH = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
const FROM = `${String(YEAR)}-${MONTH}`;
const TO = FROM;
const DAY = `${String(YEAR)}-${MONTH}-04`;
const at = (day: string, hour = 4) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

async function made(overrides: Record<string, unknown>, kase: Parameters<typeof createCase>[0] = {}): Promise<number> {
  const { caseId } = await createCase(kase);
  await knex()('cases')
    .where({ id: caseId })
    .update({ received_at: at(DAY), registration_due: addDays(DAY, 1), answer_due: addDays(DAY, 20), registered_at: null, ...overrides });
  return caseId;
}

describe('statistics', () => {
  let app: Express;
  let officer: Awaited<ReturnType<typeof signedInStaff>>;
  const tag = Math.random().toString(36).slice(2, 8);
  const orgX = `Stats Org X ${tag}`;
  const orgY = `Stats Org Y ${tag}`;

  before(async () => {
    app = await buildApp();
    officer = await signedInStaff(app, 'case_officer');
    const decided = (days: number, outcome: string, registeredAfter = 0) => ({
      status: 'decided',
      decision: outcome,
      sector: 'banking',
      registered_at: at(addDays(DAY, registeredAfter)),
      decided_at: at(addDays(DAY, days)),
    });
    // Three complaints about X decided on time (10 days), one about Y registered and decided late (5 and 40 days).
    for (let index = 0; index < 3; index++) await made(decided(10, 'upheld'), { organisationName: orgX });
    await made(decided(40, 'not_upheld', 5), { organisationName: orgY });
    // Two open reports assigned to the officer: one overdue, one due tomorrow.
    await made({ status: 'investigation', assignee_id: officer.staff.id, answer_due: addDays(bishkekToday(), -2) }, { type: 'report' });
    await made({ status: 'investigation', assignee_id: officer.staff.id, answer_due: addDays(bishkekToday(), 1) }, { type: 'report' });
    // A breach notified 30 hours after discovery, affecting about 500 people.
    await made({ answers: { affected: { approxPeople: 500 }, hoursToNotify: 30 } }, { type: 'breach', sector: null });
  });

  describe('the staff dashboard', () => {
    it("shows a supervisor every panel's numbers as the cases imply, with a CSV per panel", async () => {
      const { agent } = await staffOfRole(app, 'supervisor');
      const html = (await agent.get('/staff/dashboard').query({ from: FROM, to: TO }).expect(200)).text;
      expect(row(panelRows(html, 'outcomes-by-type'), 'Complaint')).to.deep.equal(['Complaint', '3', '0', '1', '0']);
      expect(row(panelRows(html, 'outcomes-by-sector'), 'Bank, microcredit or insurance')?.slice(1)).to.deep.equal(['3', '0', '1', '0']);
      const month = `${String(YEAR)}-${MONTH}`;
      expect(row(panelRows(html, 'timeliness'), month), 'registered and answered on time').to.deep.equal([month, '75%', '75%']);
      // Days to decision 10, 10, 10, 40: median 10, 90th percentile 31 (interpolated).
      expect(row(panelRows(html, 'decision-time'), month)).to.deep.equal([month, '10', '31']);
      const officerRow = panelRows(html, 'officers').find((found) => found.slice(1).join() === '1,1,0');
      expect(officerRow, 'the officer: 1 overdue, 1 due soon, none other').to.not.equal(undefined);
      expect(row(panelRows(html, 'open-by-age'), INVESTIGATION), 'open for over 30 days').to.deep.equal([INVESTIGATION, '0', '0', '0', '2']);
      expect(row(panelRows(html, 'breaches'), 'Medium')?.slice(1)).to.deep.equal(['0', '1', '0', '0']);
      expect(panelRows(html, 'organisations').slice(0, 2)).to.deep.equal([
        [orgX, '3'],
        [orgY, '1'],
      ]);
      expect(html).to.include('<svg').and.include('role="img"').and.include('<title id="chart-organisations-t">');
      const csv = await agent.get('/staff/dashboard/organisations.csv').query({ from: FROM, to: TO }).expect(200);
      expect(csv.headers['content-type']).to.match(/^text\/csv/);
      expect(csv.text).to.include(`"${orgX}","3"`);
    });

    it('shows a case officer only the cases assigned to them', async () => {
      const html = (await officer.agent.get('/staff/dashboard').query({ from: FROM, to: TO }).expect(200)).text;
      expect(html).to.include('The cases assigned to you');
      expect(panelRows(html, 'officers').map((found) => found.slice(1).join())).to.deep.equal(['1,1,0']);
      expect(row(panelRows(html, 'outcomes-by-type'), 'Complaint')?.slice(1), 'decided cases of others not counted').to.deep.equal(['0', '0', '0', '0']);
      expect(panelRows(html, 'organisations')).to.deep.equal([]);
      const csv = (await officer.agent.get('/staff/dashboard/officers.csv').query({ from: FROM, to: TO }).expect(200)).text;
      expect(csv.trim().split('\r\n')).to.have.length(2);
    });

    it('applies the type filter to every panel', async () => {
      const { agent } = await staffOfRole(app, 'auditor');
      const html = (await agent.get('/staff/dashboard').query({ from: FROM, to: TO, type: 'breach' }).expect(200)).text;
      expect(row(panelRows(html, 'outcomes-by-type'), 'Complaint')?.slice(1)).to.deep.equal(['0', '0', '0', '0']);
      expect(panelRows(html, 'officers'), 'the open breach alone: unassigned and overdue').to.deep.equal([['Not assigned', '1', '0', '0']]);
      expect(panelRows(html, 'organisations')).to.deep.equal([]);
      expect(row(panelRows(html, 'breaches'), 'Medium')?.slice(1)).to.deep.equal(['0', '1', '0', '0']);
    });

    it('refuses a wrong filter with the message by the field and in the summary, keeping what was typed', async () => {
      const { agent } = await staffOfRole(app, 'supervisor', 'ru');
      const html = (await agent.get('/staff/dashboard').query({ from: '2026-13', to: '2026-01', type: 'letter' }).expect(400)).text;
      expect(html).to.include('error-summary').and.include('Введите месяц в виде года и месяца').and.include('Выберите вид дела из списка');
      expect(html).to.include('value="2026-13"');
      const backwards = (await agent.get('/staff/dashboard').query({ from: '2026-05', to: '2026-01' }).expect(400)).text;
      expect(backwards).to.include('Конец периода не может быть раньше его начала');
    });

    it('is not shown to an editor', async () => {
      const { agent } = await staffOfRole(app, 'editor');
      await agent.get('/staff/dashboard').expect(403);
    });
  });

  describe('public statistics and open data', () => {
    before(async () => {
      await knex()('statistics_snapshots').delete();
    });

    it('computes the figures on the first request when none are stored, and shows them in every language', async () => {
      const fewer = { ky: '5тен аз', ru: 'менее 5', en: 'fewer than 5' };
      for (const lang of LANGUAGES) {
        const html = (await supertest(app).get(`/${lang}/statistics`).expect(200)).text;
        expect(html, lang).to.include(fewer[lang]).and.include('<svg').and.include(`/${lang}/statistics/open-data`);
        expect(html, lang).to.include('rel="license"');
      }
      expect(await knex()('statistics_snapshots').pluck('as_of')).to.have.length(1);
    });

    it('shows no count under 5 and no total from which a hidden count could be worked out', async () => {
      const json = (await supertest(app).get('/en/statistics/open-data/received-by-month.json').expect(200)).body as {
        rows: { row: string; values: Record<string, unknown>; total: unknown }[];
        totals: Record<string, unknown>;
        total: unknown;
        licence: { name: string };
      };
      expect(json.licence.name).to.equal('CC BY 4.0');
      const grid = [...json.rows.map((line) => [...Object.values(line.values), line.total]), [...Object.values(json.totals), json.total]];
      const hidden = (value: unknown) => typeof value !== 'number';
      for (const line of grid) {
        for (const value of line) if (typeof value === 'number') expect(value).to.not.be.within(1, 4);
        expect(line.filter(hidden).length, JSON.stringify(line)).to.not.equal(1);
      }
      for (let c = 0; c < (grid[0]?.length ?? 0); c++) expect(grid.filter((line) => hidden(line[c])).length, `column ${String(c)}`).to.not.equal(1);
    });

    it('serves each indicator as CSV and JSON at a stable address, with a data dictionary', async () => {
      const csv = await supertest(app).get('/ru/statistics/open-data/outcome-by-type.csv').expect(200);
      expect(csv.headers['content-type']).to.match(/^text\/csv/);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).to.equal('"row","upheld","partly_upheld","not_upheld","settled","total"');
      expect(lines.at(-1)).to.match(/^"total",/);
      await supertest(app).get('/en/statistics/open-data/nothing-like-it.csv').expect(404);
      for (const lang of LANGUAGES) {
        const html = (await supertest(app).get(`/${lang}/statistics/open-data`).expect(200)).text;
        expect(html).to.include(`/${lang}/statistics/open-data/received-by-year.json`).and.include('<code>suppressed</code>');
      }
    });

    it('stores one snapshot a day however many instances run the job', async () => {
      const asOf = bishkekToday();
      await knex()('statistics_snapshots').delete();
      const job = statisticsJobs({ knex: knex() }).find((found) => found.name === 'statistics-snapshot');
      const runs = await Promise.all([
        knex().transaction((trx) => job?.handle(undefined as never, undefined as never, { occurrence: new Date(), trx })),
        knex().transaction((trx) => job?.handle(undefined as never, undefined as never, { occurrence: new Date(), trx })),
      ]);
      expect(runs).to.have.length(2);
      expect(await refreshSnapshot(knex(), asOf), 'a later run the same day').to.equal(false);
      const rows = await knex()('statistics_snapshots').select('as_of');
      expect(rows).to.have.length(1);
    });
  });

  describe('the annual report', () => {
    it('prints the year in the chosen language, as HTML and as PDF', async () => {
      const { agent } = await staffOfRole(app, 'supervisor');
      const html = (await agent.get('/staff/reports/annual').query({ year: YEAR, lang: 'ru' }).expect(200)).text;
      expect(html)
        .to.include(`Годовой отчёт за ${String(YEAR)} год`)
        .and.include('<svg')
        .and.include('print.css');
      const pdf = await agent
        .get('/staff/reports/annual.pdf')
        .query({ year: YEAR, lang: 'ky' })
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(pdf.headers['content-type']).to.equal('application/pdf');
      const text = (await pdfText(pdf.body as Buffer)).join('\n');
      expect(text)
        .to.include(`${String(YEAR)}-жылдын жылдык отчёту`)
        .and.include('Тармактар боюнча чечимдер');
    });

    it('is not for case officers', async () => {
      await officer.agent.get('/staff/reports/annual').expect(403);
    });
  });
});

describe('statistics rollups', () => {
  it('agree with counting the cases directly, after cases are added, changed and deleted', async () => {
    const today = bishkekToday();
    const scope = { from: '2000-01', to: today.slice(0, 7), today, soonUntil: addDays(today, 3) };
    const agree = async (when: string) => {
      const sort = (rows: readonly object[]) => rows.map((found) => JSON.stringify(found)).sort();
      expect(sort(await monthlyRollup(knex(), scope)), `${when}: months`).to.deep.equal(sort(await monthly(knex(), scope)));
      expect(sort(await decisionDaysRollup(knex(), scope)), `${when}: days`).to.deep.equal(sort(await decisionDays(knex(), scope)));
      expect(sort(await outcomesRollup(knex(), scope)), `${when}: outcomes`).to.deep.equal(sort(await outcomes(knex(), scope)));
      expect(sort(await breachesRollup(knex(), scope)), `${when}: breaches`).to.deep.equal(sort(await breaches(knex(), scope)));
      expect(sort(await openByAgeRollup(knex(), scope)), `${when}: open by age`).to.deep.equal(sort(await openByAge(knex(), scope)));
      expect(sort(await officerDeadlinesRollup(knex(), scope, 100_000)), `${when}: per officer`).to.deep.equal(
        sort(await officerDeadlines(knex(), scope, 100_000)),
      );
      expect(sort(await organisationsRollup(knex(), scope, 100_000)), `${when}: organisations`).to.deep.equal(
        sort(await topOrganisations(knex(), scope, 100_000)),
      );
    };
    const { caseId } = await createCase({ type: 'breach', sector: null, answers: { affected: { approxPeople: 20_000 }, hoursToNotify: 100 } });
    const { caseId: other } = await createCase({ organisationName: 'Rollup Org' });
    await agree('added');
    await knex()('cases')
      .where({ id: other })
      .update({ status: 'investigation', assignee_id: null, answer_due: addDays(today, -1), registered_at: new Date() });
    await agree('opened');
    await knex()('cases').where({ id: other }).update({ status: 'decided', decision: 'settled', decided_at: new Date(), sector: 'health' });
    await knex()('cases')
      .where({ id: caseId })
      .update({ answers: { affected: { approxPeople: '50' }, hoursToNotify: 10 } });
    await agree('changed');
    await knex()('cases').whereIn('id', [caseId, other]).delete();
    await agree('deleted');
  });
});
