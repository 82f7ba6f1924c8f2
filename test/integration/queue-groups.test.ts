/**
 * The staff queue grouped by organisation: for the queue's filters, one row per register entry or per name typed
 * for an organisation the register does not hold, with its cases and overdue ones, most first, a page at a time;
 * each row leads to the queue's cases for it.
 */
import { expect } from 'chai';
import type { Express } from 'express';
import { buildApp } from '../support/app.ts';
import type { Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { createOrganisation } from '../support/register.ts';
import { staffOfRole } from '../support/staff.ts';

/** A cell's text as a reader sees it: no tags, spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An attribute's value as the browser reads it. */
function unescaped(value: string | undefined): string | undefined {
  return value?.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
}

/** The grouped table's body rows as text cells, and each row's link. */
function groupRows(html: string): { cells: string[]; href?: string }[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = '']) => ({
    cells: [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell = '']) => textOf(cell)),
    href: unescaped(/href="([^"]+)"/.exec(row)?.[1]),
  }));
}

describe('the staff queue grouped by organisation', () => {
  let app: Express;
  let officer: Agent;
  before(async () => {
    app = await buildApp();
    officer = (await staffOfRole(app, 'supervisor')).agent;
  });

  it('counts each organisation’s cases and overdue ones, most first, and links to its cases', async () => {
    const mark = `grp${Date.now().toString(36)}`;
    const entry = await createOrganisation({ nameRu: `ОсОО «Банк ${mark}»`, nameKy: `«Банк ${mark}» ЖЧК`, nameEn: `Bank ${mark}` });
    const registered = await Promise.all(
      ['Bank', 'BANK', 'The bank'].map((name) => createCase({ organisationName: `${name} ${mark}`, organisationId: entry.id })),
    );
    await createCase({ organisationName: `Corner Shop ${mark}` });
    await createCase({ organisationName: `  corner shop ${mark}` });
    const { knex } = testDatabase();
    await knex('cases').where({ id: registered[0]?.caseId }).update({ answer_due: '2026-01-05' });

    const page = await officer.get('/staff/cases').query({ view: 'organisations', q: mark }).expect(200);
    expect(page.text).to.include('<caption>');
    expect(page.text).to.include('aria-current="page"');
    const rows = groupRows(page.text);
    expect(rows.map((row) => row.cells)).to.deep.equal([
      [`Bank ${mark}`, entry.registrationNumber, '3', '1'],
      [`  corner shop ${mark}`.trim(), 'Not in the register', '2', '0'],
    ]);
    expect(rows[0]?.href).to.equal(`/staff/cases?status=open&q=${mark}&sort=deadline&organisation=${entry.registrationNumber}`);
    expect(rows[1]?.href).to.equal(`/staff/cases?status=open&q=corner+shop+${mark}&sort=deadline`);

    // The registered row's link lists exactly its cases.
    const list = await officer.get(rows[0]?.href ?? '').expect(200);
    for (const { reference } of registered) expect(list.text).to.include(reference);
    expect(list.text).not.to.include('Corner Shop');

    // The filters apply before grouping: overdue only.
    const overdue = groupRows((await officer.get('/staff/cases').query({ view: 'organisations', q: mark, due: 'overdue' }).expect(200)).text);
    expect(overdue.map((row) => row.cells)).to.deep.equal([[`Bank ${mark}`, entry.registrationNumber, '1', '1']]);
    expect(await knex('audit_events').where({ action: 'case.queue.searched' }).whereRaw(`details ->> 'view' = 'organisations'`)).to.have.length.greaterThan(0);
  });

  it('pages the organisations, and refuses a page number that is not one', async () => {
    const mark = `pg${Date.now().toString(36)}`;
    for (let index = 0; index < 52; index++) await createCase({ organisationName: `Shop ${String(index).padStart(2, '0')} ${mark}` });
    const first = await officer.get('/staff/cases').query({ view: 'organisations', q: mark }).expect(200);
    expect(groupRows(first.text)).to.have.length(50);
    expect(first.text).to.include('52 organisations; page 1 of 2');
    const next = unescaped(/<a href="([^"]+)" rel="next">/.exec(first.text)?.[1]);
    expect(next).to.include('page=2');
    const second = await officer.get(next ?? '').expect(200);
    expect(groupRows(second.text)).to.have.length(2);
    expect(second.text).to.include('rel="prev"');
    // Past the last page: no rows, and still the count.
    const beyond = await officer.get('/staff/cases').query({ view: 'organisations', q: mark, page: '9' }).expect(200);
    expect(beyond.text).to.include('Page 9 of 2');
    await officer.get('/staff/cases').query({ view: 'organisations', page: '0' }).expect(400);
    await officer.get('/staff/cases').query({ view: 'everything' }).expect(400);
  });

  for (const lang of ['ky', 'ru', 'en'] as const) {
    it(`${lang}: the grouped view is worded`, async () => {
      const { agent } = await staffOfRole(app, 'case_officer', lang);
      const page = await agent.get('/staff/cases').query({ view: 'organisations' }).expect(200);
      const title = { ky: 'Уюмдар боюнча иштер', ru: 'Дела по организациям', en: 'Cases by organisation' }[lang];
      expect(page.text).to.include(title);
      expect(page.text).to.include('name="view" value="organisations"');
    });
  }
});
