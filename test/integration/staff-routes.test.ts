import { expect } from 'chai';
import type { Express } from 'express';
import type { RouteEntry } from '../../src/http/route-table.ts';
import { can, STAFF_ROLES, type Action, type StaffRole } from '../../src/features/staff/permissions.ts';
import { createOrganisation } from '../support/register.ts';
import { buildApp } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { HEIC_WITH_GPS } from '../support/documents.ts';
import { createCase } from '../support/factories.ts';
import { newStaffAccount, staffOfRole } from '../support/staff.ts';

/**
 * Every back-office route, read from the app's own route table, with the permission it needs. A new route
 * missing here fails the first test, so nothing reaches production unchecked.
 */
const PERMISSION: Record<string, Action | 'public' | 'signedIn'> = {
  'GET /staff/': 'public',
  'GET /staff/login': 'public',
  'POST /staff/login': 'public',
  'GET /staff/login/code': 'public',
  'POST /staff/login/code': 'public',
  'GET /staff/enrol': 'public',
  'POST /staff/enrol': 'public',
  'GET /staff/setup/:token': 'public',
  'POST /staff/setup/:token': 'public',
  'POST /staff/logout': 'public',
  'GET /staff/account': 'signedIn',
  'GET /staff/welcome': 'signedIn',
  'POST /staff/account/language': 'signedIn',
  'GET /staff/account/password': 'signedIn',
  'POST /staff/account/password': 'signedIn',
  'POST /staff/account/sessions': 'signedIn',
  'GET /staff/cases': 'cases.list',
  'POST /staff/cases/assign': 'cases.assign',
  'GET /staff/cases/export.csv': 'cases.export',
  'GET /staff/cases/export.xlsx': 'cases.export',
  'GET /staff/cases/:reference/readers': 'cases.readers',
  'GET /staff/cases/:reference/publication': 'decisions.publish',
  'POST /staff/cases/:reference/publication': 'decisions.publish',
  'POST /staff/cases/:reference/publication/approve': 'decisions.publish',
  'POST /staff/cases/:reference/publication/withdraw': 'decisions.publish',
  'GET /staff/cases/:reference': 'cases.view',
  'POST /staff/cases/:reference/transitions': 'cases.transition',
  'POST /staff/cases/:reference/messages': 'cases.message',
  'POST /staff/cases/:reference/notes': 'cases.note',
  'POST /staff/cases/:reference/links': 'cases.link',
  'POST /staff/cases/:reference/hold': 'cases.hold',
  'POST /staff/cases/:reference/assign': 'cases.takeUnassigned',
  'GET /staff/cases/:reference/files/:id': 'files.download',
  'GET /staff/cases/:reference/files/:id/original': 'files.download',
  'GET /staff/register': 'register.view',
  'GET /staff/register/:id': 'register.view',
  'GET /staff/register/:id/edit': 'register.edit',
  'POST /staff/register/:id/edit': 'register.edit',
  'POST /staff/register/:id/cease': 'register.edit',
  'POST /staff/register/:id/merge': 'register.edit',
  'GET /staff/holidays': 'holidays.view',
  'POST /staff/holidays': 'holidays.edit',
  'POST /staff/holidays/:day/delete': 'holidays.edit',
  'GET /staff/content': 'content.view',
  'GET /staff/content/new': 'content.edit',
  'POST /staff/content/new': 'content.edit',
  'GET /staff/content/:id/:lang': 'content.view',
  'POST /staff/content/:id/:lang': 'content.edit',
  'GET /staff/content/:id/:lang/history': 'content.view',
  'POST /staff/content/:id/:lang/versions/:number/restore': 'content.edit',
  // The step itself is checked against the workflow table (author, role) by the service.
  'POST /staff/content/:id/:lang/versions/:number/:transition': 'content.view',
  'GET /staff/audit': 'audit.view',
  'POST /staff/audit/verify': 'audit.view',
  'GET /staff/audit/export.csv': 'audit.view',
  'GET /staff/dashboard': 'statistics.view',
  'GET /staff/dashboard/:panel.csv': 'statistics.view',
  'GET /staff/reports/annual': 'reports.annual',
  'GET /staff/reports/annual.pdf': 'reports.annual',
  'GET /staff/users': 'users.manage',
  'GET /staff/users/new': 'users.manage',
  'POST /staff/users': 'users.manage',
  'GET /staff/users/:id': 'users.manage',
  'POST /staff/users/:id/role': 'users.manage',
  'POST /staff/users/:id/disable': 'users.manage',
  'POST /staff/users/:id/enable': 'users.manage',
  'POST /staff/users/:id/reset': 'users.manage',
  'POST /staff/users/:id/sessions': 'users.manage',
  'GET /staff/users/requests': 'users.approve',
  'POST /staff/users/requests/:request/approve': 'users.approve',
  'POST /staff/users/requests/:request/refuse': 'users.approve',
};

describe('back-office routes × roles', () => {
  let app: Express;
  let routes: RouteEntry[];
  let url: (path: string) => string;
  const agents = new Map<StaffRole, { agent: Agent; token: string; id: number }>();

  before(async () => {
    app = await buildApp();
    routes = app.locals.staffRoutes as RouteEntry[];
    const sample = await createCase();
    const target = await newStaffAccount('editor');
    const organisation = await createOrganisation();
    for (const role of STAFF_ROLES) {
      const { agent, staff } = await staffOfRole(app, role);
      const page = await agent.get('/staff/account').expect(200);
      agents.set(role, { agent, token: csrfTokenFrom(page.text), id: staff.id });
    }
    // The sample case is the case officer's, so object-level rules let the officer in where the role allows.
    await testDatabase()
      .knex('cases')
      .where({ id: sample.caseId })
      .update({ assignee_id: agents.get('case_officer')?.id });
    const agent = agents.get('case_officer')?.agent;
    const space = browser(app);
    const signIn = await space.get('/en/track').expect(200);
    await space
      .post('/en/track')
      .type('form')
      .send({ _csrf: csrfTokenFrom(signIn.text), reference: sample.reference, accessCode: sample.code })
      .expect(303);
    const casePage = await space.get('/en/track/case').expect(200);
    await space
      .post(multipartActionFrom(casePage.text))
      .field('_csrf', csrfTokenFrom(casePage.text))
      .field('body', 'file')
      .attach('files', HEIC_WITH_GPS, 'photo.heic')
      .expect(303);
    const file = await testDatabase().knex('attachments').where({ case_id: sample.caseId }).first();
    expect(agent).to.not.equal(undefined);
    url = (path) =>
      path
        .replace('/files/:id', `/files/${String(file.id)}`)
        .replace('/register/:id', `/register/${String(organisation.id)}`)
        .replace(':reference', sample.reference)
        .replace(':id/', `${String(target.id)}/`)
        .replace(/:id$/, String(target.id))
        .replace(':lang', 'ky')
        .replace(':number', '1')
        .replace(':transition', 'submit')
        .replace(':day', '2031-01-02')
        .replace(':token', 'x'.repeat(43))
        .replace(':panel', 'open-by-age');
  });

  it('knows the permission of every /staff route', () => {
    const missing = routes.map((route) => `${route.method} ${route.path}`).filter((key) => !(key in PERMISSION));
    expect(missing).to.deep.equal([]);
    expect(routes.length).to.be.at.least(30);
  });

  it('a page the role does not include says so, in the staff member’s language — not that a form was refused', async () => {
    const { agent } = await staffOfRole(app, 'supervisor', 'ru');
    const page = (await agent.get('/staff/audit').expect(403)).text;
    expect(page).to.include('У вас нет доступа к этой странице');
    expect(page).not.to.include('не смогли принять эту форму');
  });

  it('sends anonymous visitors to the login page and refuses their unsafe requests', async () => {
    for (const route of routes) {
      if (PERMISSION[`${route.method} ${route.path}`] === 'public') continue;
      const anonymous = browser(app);
      if (route.method === 'GET') {
        const response = await anonymous.get(url(route.path));
        expect(response.status, `GET ${route.path}`).to.equal(303);
        expect(response.headers.location).to.equal('/staff/login');
      } else {
        const response = await anonymous.post(url(route.path)).type('form').send({});
        expect(response.status, `POST ${route.path}`).to.equal(403);
      }
    }
  });

  for (const role of STAFF_ROLES) {
    it(`answers the ${role} role with 403 on every route the role does not allow, and serves the pages it does`, async () => {
      const entry = agents.get(role);
      if (!entry) throw new Error('no agent');
      for (const route of routes) {
        const permission = PERMISSION[`${route.method} ${route.path}`];
        if (permission === 'public' || permission === 'signedIn' || permission === undefined) continue;
        const allowed = can(role, permission);
        const response =
          route.method === 'GET'
            ? await entry.agent.get(url(route.path))
            : allowed
              ? undefined
              : await entry.agent.post(url(route.path)).type('form').send({ _csrf: entry.token });
        if (!response) continue;
        if (allowed) expect(response.status, `${role} GET ${route.path}`).to.equal(200);
        else expect(response.status, `${role} ${route.method} ${route.path}`).to.equal(403);
      }
    });
  }
});
