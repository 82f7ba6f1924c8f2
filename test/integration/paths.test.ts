/** Paths are named once (src/http/paths.ts): every named path is routed, and every route is named. */
import { expect } from 'chai';
import type { RouteEntry } from '../../src/http/route-table.ts';
import { fillPattern, NAMED_PATHS, pathTo } from '../../src/http/paths.ts';
import { JOURNEYS } from '../../src/features/intake/case-answers.ts';
import { buildApp } from '../support/app.ts';

describe('paths', () => {
  it('names every route the portal serves, and routes every name', async () => {
    const app = await buildApp();
    const routes = [...(app.locals.routes as RouteEntry[]), ...(app.locals.probeRoutes as RouteEntry[])];
    const routed = new Set(routes.map((route) => route.path));
    // The three intake journeys share their patterns: `:journey` stands for each of them.
    const named = new Set(
      [...NAMED_PATHS.values()].flatMap((path) =>
        path.includes(':journey') ? JOURNEYS.map((journey) => fillPattern(path, { journey: journey.path })) : [path],
      ),
    );
    expect(
      [...routed].filter((path) => !named.has(path)),
      'routes without a name in paths.ts',
    ).to.deep.equal([]);
    expect(
      [...named].filter((path) => !routed.has(path)),
      'named paths no route serves',
    ).to.deep.equal([]);
  });

  it('fills a path’s parameters, encoded, and refuses to build one with a parameter missing', () => {
    expect(pathTo('track.case', { lang: 'ky' })).to.equal('/ky/track/case');
    expect(pathTo('intake.step', { lang: 'ru', journey: 'complaints', step: 'about-you' })).to.equal('/ru/complaints/new/about-you');
    expect(pathTo('staff.cases.show', { reference: 'PDP-2026-000001' })).to.equal('/staff/cases/PDP-2026-000001');
    expect(pathTo('content.right', { lang: 'en', slug: 'a b/c' })).to.equal('/en/rights/a%20b%2Fc');
    expect(() => pathTo('track.case')).to.throw(/needs :lang/);
  });
});
