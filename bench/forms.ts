/**
 * The form pages (issue 19, point 3): the track sign-in page and the first step of each journey, shown to
 * visitors without a session, as a ratio to the bare Express "hello" measured beside
 * each (bench/rounds.ts); and the sessions those
 * visits created (none). `npm run bench` measures them among the rest; `npm run bench:forms` measures only
 * them, on a fresh database with the real content and no cases.
 *
 * Form pages are rate-limited per address (300 GETs in 10 minutes, app.ts): the load comes, as it would from
 * a crowd, from many addresses (X-Forwarded-For, which the portal trusts from loopback in PRODUCTION_ENV).
 */
import { BROWSER_HEADERS } from './reading.ts';
import { measureAlone, type PageScenario } from './rounds.ts';
import { fromACrowd } from './support.ts';

const FORM_PAGES = [
  ['track sign-in page', '/en/track'],
  ['complaint, first step', '/en/complaints/new/about-you'],
  ['report, first step', '/en/reports/new/what-happened'],
  ['breach, first step', '/en/breaches/new/organisation'],
] as const;

const FORM_TARGET = { label: '≥ 30% of bare, no session', minRatio: 0.3 };
/** Each form page, requested by a crowd of browsers without a session (a new address on each request). */
export function formScenarios(portalUrl: string): PageScenario[] {
  return FORM_PAGES.map(([name, path]) => ({
    name,
    url: `${portalUrl}${path}`,
    headers: BROWSER_HEADERS,
    requests: [{ setupRequest: fromACrowd() }],
    target: FORM_TARGET,
  }));
}

if (import.meta.main) await measureAlone(formScenarios);
