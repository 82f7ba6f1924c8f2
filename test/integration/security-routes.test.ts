import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { flushSecurityEvents, SECURITY_WINDOW_MS } from '../../src/features/audit/security-events.ts';
import type { RouteEntry } from '../../src/http/route-table.ts';
import { buildApp, releaseApp } from '../support/app.ts';
import { browser, csrfTokenFrom, setCookies, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { createCase } from '../support/factories.ts';
import { staffOfRole } from '../support/staff.ts';

/** A concrete URL for a route pattern: the parameters filled with plausible values. */
function concrete(path: string, reference: string): string {
  return path
    .replace('/:lang', '/en')
    .replace(':slug', 'right-of-access')
    .replace(':step', 'about-you')
    .replace(':reference', reference)
    .replace(':token', 'x'.repeat(43))
    .replace(':day', '2031-01-02')
    .replace(/:id/g, '00000000-0000-4000-8000-000000000000');
}

const DOMAIN_TABLES = [
  'cases',
  'case_parties',
  'case_events',
  'messages',
  'attachments',
  'case_notes',
  'case_links',
  'staff_users',
  'holidays',
  'content_items',
  'mail_outbox',
];

async function snapshot(): Promise<Record<string, string>> {
  const { knex } = testDatabase();
  const counts: Record<string, string> = {};
  for (const table of DOMAIN_TABLES) {
    const row = await knex(table)
      .select(knex.raw("count(*)::text as n, md5(coalesce(string_agg(t::text, '' order by t::text), '')) as digest"))
      .from(knex.raw('?? as t', [table]))
      .first<{ n: string; digest: string }>();
    counts[table] = `${row.n}:${row.digest}`;
  }
  return counts;
}

describe('security suite over the route table', () => {
  let app: Express;
  let routes: RouteEntry[];
  let reference: string;

  before(async () => {
    app = await buildApp();
    routes = app.locals.routes as RouteEntry[];
    reference = (await createCase()).reference;
  });

  it('covers the whole portal', () => {
    expect(routes.length).to.be.at.least(60);
    expect(routes.filter((route) => route.method === 'POST').length).to.be.at.least(25);
  });

  it('refuses every unsafe request without its CSRF token, with a wrong one, and from another site — with a session or none yet', async () => {
    const { agent } = await staffOfRole(app, 'supervisor');
    const token = csrfTokenFrom((await agent.get('/staff/account').expect(200)).text);
    // A visitor who has only seen a form (a stateless token bound to a cookie, no session), and one whose first
    // answers opened a session (its token lives there).
    // The visitor keeps only its form cookie: a refused journey post shown again would open a session.
    const shown = await supertest(app).get('/en/track').expect(200);
    const visitorToken = csrfTokenFrom(shown.text);
    const visitorCookie = setCookies(shown)[0]?.split(';')[0] ?? '';
    const visitor = (url: string) => supertest(app).post(url).set('Cookie', visitorCookie);
    const citizen: Agent = browser(app);
    const first = await citizen.get('/en/complaints/new/about-you').expect(200);
    await citizen
      .post('/en/complaints/new/about-you')
      .type('form')
      .send({ fullName: 'Aida Suite', email: 'aida.suite@example.kg', preferredLanguage: 'en', _csrf: csrfTokenFrom(first.text) })
      .expect(303);
    const citizenToken = csrfTokenFrom((await citizen.get('/en/track').expect(200)).text);
    expect(citizenToken).not.to.equal(visitorToken);
    for (const route of routes.filter((entry) => entry.method === 'POST')) {
      const url = concrete(route.path, reference);
      const clients: [string, (url: string) => supertest.Test, string][] = route.path.startsWith('/staff')
        ? [['staff', (to) => agent.post(to), token]]
        : [
            ['a visitor without a session', visitor, visitorToken],
            ['a citizen with a session', (to) => citizen.post(to), citizenToken],
          ];
      for (const [name, post, own] of clients) {
        const missing = await post(url).type('form').send({ field: 'value' });
        expect(missing.status, `POST ${route.path} without a token, by ${name}`).to.be.oneOf([400, 403]);
        const wrong = await post(url).type('form').send({ _csrf: 'not-the-token', formToken: 'not-the-token' });
        expect(wrong.status, `POST ${route.path} with a wrong token, by ${name}`).to.be.oneOf([400, 403]);
        const crossSite = await post(url).set('Sec-Fetch-Site', 'cross-site').type('form').send({ _csrf: own });
        expect(crossSite.status, `POST ${route.path} from another site, by ${name}`).to.equal(403);
      }
    }
    // Refusals are audited (one event per client, kind and window) without the secrets a path may carry
    // (set-up and reset tokens): a client whose first refusal is on a set-up link.
    const proxied = await buildApp({ TRUST_PROXY: 'loopback' });
    await browser(proxied)
      .post(`/staff/setup/${'x'.repeat(43)}`)
      .set('X-Forwarded-For', '192.0.2.44')
      .type('form')
      .send({})
      .expect(403);
    await flushSecurityEvents(testDatabase().knex, new Date(Date.now() + SECURITY_WINDOW_MS));
    await releaseApp(proxied);
    const refusals = await testDatabase().knex('audit_events').whereLike('action', 'security.%').pluck('details');
    expect(JSON.stringify(refusals)).to.include('/staff/setup/:token');
    expect(JSON.stringify(refusals)).not.to.include('x'.repeat(20));
  });

  it('changes nothing on GET, and sends the security headers on every page', async () => {
    const { agent } = await staffOfRole(app, 'supervisor');
    const before = await snapshot();
    for (const route of routes.filter((entry) => entry.method === 'GET')) {
      for (const who of [browser(app), agent]) {
        const response = await who.get(concrete(route.path, reference));
        expect(response.status, `GET ${route.path}`).to.be.below(500);
        expect(response.headers['content-security-policy'], route.path)
          .to.include("default-src 'self'")
          .and.include("object-src 'none'")
          .and.include("frame-ancestors 'none'");
        expect(response.headers['content-security-policy'], route.path).not.to.include('unsafe-inline');
        expect(response.headers['x-content-type-options'], route.path).to.equal('nosniff');
        expect(response.headers['referrer-policy'], route.path).to.equal('same-origin');
        for (const cookie of ([] as string[]).concat(response.headers['set-cookie'] ?? [])) {
          expect(cookie, `${route.path}: ${cookie.split('=')[0] ?? ''}`)
            .to.include('HttpOnly')
            .and.match(/SameSite=(Lax|Strict)/);
        }
      }
    }
    expect(await snapshot()).to.deep.equal(before);
  });

  it('answers SQL-injection and path-traversal attempts in every path parameter and query without a 500 or a leak', async () => {
    const { agent } = await staffOfRole(app, 'supervisor');
    const corpus = [
      "' OR '1'='1",
      '1; select pg_sleep(3); --',
      '../../../../etc/passwd',
      '..%2f..%2f..%2fetc%2fpasswd',
      '%00',
      "admin'--",
      "PDP-2026-000001' union select * from staff_users --",
      '....//....//etc/passwd',
    ];
    const withParams = routes.filter((route) => route.method === 'GET' && route.path.replace('/:lang', '').includes(':'));
    expect(withParams.length).to.be.at.least(8);
    for (const route of withParams) {
      for (const payload of corpus) {
        const url = concrete(route.path, reference).replace(
          /right-of-access|about-you|x{43}|2031-01-02|00000000-0000-4000-8000-000000000000|PDP-\d{4}-\d{6}/,
          encodeURIComponent(payload),
        );
        for (const who of [browser(app), agent]) {
          const started = Date.now();
          const response = await who.get(url);
          expect(response.status, url).to.be.below(500);
          expect(Date.now() - started, `${url} took long (injected sleep?)`).to.be.below(2500);
          expect(response.text, url).not.to.match(/root:x:0|syntax error|pg_catalog|at Parser|ReferenceError|knex|stack/i);
        }
      }
    }
    const { agent: auditor } = await staffOfRole(app, 'auditor');
    for (const payload of corpus) {
      for (const url of [
        `/en/search?q=${encodeURIComponent(payload)}`,
        `/staff/cases?q=${encodeURIComponent(payload)}`,
        `/staff/audit?entityId=${encodeURIComponent(payload)}`,
        `/staff/audit?action=${encodeURIComponent(payload)}`,
      ]) {
        const response = await auditor.get(url);
        expect(response.status, url).to.be.oneOf([200, 400]);
        expect(response.text, url).not.to.match(/root:x:0|syntax error|pg_catalog|stack/i);
      }
    }
  });
});
