/**
 * The reading pages (issue 19, point 1): article, guide, home and campaign, each as a ratio to the bare Express
 * "hello" measured beside it (bench/rounds.ts), requested as a browser requests them, with the portal logging as
 * deployed. `npm run bench` measures them among the rest; `npm run bench:reading` measures only them, on a fresh
 * database with the real content and no cases.
 */
import { measureAlone, type PageScenario } from './rounds.ts';

/** What a browser sends with every page request (Chromium's Accept and Accept-Encoding): pages go out compressed. */
export const BROWSER_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'en-GB,en;q=0.9,ru;q=0.8',
};

const READING_TARGET = { label: '≥ 60% of bare, p99 ≤ 20 ms', minRatio: 0.6, maxP99: 20 };

/** The four reading pages the target is about, and, for comparison only, the article to a client accepting no compression. */
export function readingScenarios(portalUrl: string): PageScenario[] {
  const pages = [
    ['guidance article', '/en/rights/right-of-access'],
    ['guide', '/en/guides/answering-requests'],
    ['home page', '/en/'],
    ['campaign', '/en/campaigns/your-data-your-right'],
  ] as const;
  return [
    ...pages.map(([name, path]) => ({ name, url: `${portalUrl}${path}`, headers: BROWSER_HEADERS, target: READING_TARGET })),
    { name: 'guidance article, uncompressed (a client sending no Accept-Encoding)', url: `${portalUrl}${pages[0][1]}` },
  ];
}

if (import.meta.main) await measureAlone(readingScenarios);
