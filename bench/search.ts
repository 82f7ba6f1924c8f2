/**
 * Search (issue 19, point 2): a few queries under load, each as a ratio to the bare Express "hello" measured beside
 * it (bench/rounds.ts), with the portal logging as deployed. `npm run bench` measures them among the rest; `npm run
 * bench:search` measures only them, on a fresh database with the real content and no cases.
 */
import { BROWSER_HEADERS } from './reading.ts';
import { measureAlone, type PageScenario } from './rounds.ts';

/**
 * One word (the measurement), a partial match across a synonym, a citizen's whole question — each
 * asked again and again, as popular questions are — and a question never asked before on every request
 * (autocannon puts a new id in place of [<id>]), which no kept page can answer.
 */
const SEARCHES = [
  ['search ru "доступ"', '/ru/search?q=%D0%B4%D0%BE%D1%81%D1%82%D1%83%D0%BF'],
  ['search ky "мобилдик оператор"', `/ky/search?q=${encodeURIComponent('мобилдик оператор')}`],
  ['search en, a whole question', `/en/search?q=${encodeURIComponent('my employer films me at work')}`],
  ['search en, a new question each time', `/en/search?q=${encodeURIComponent('my employer films me at work')}+[<id>]`],
] as const;

const SEARCH_TARGET = { label: '≥ 20% of bare, p99 ≤ 25 ms', minRatio: 0.2, maxP99: 25 };

export function searchScenarios(portalUrl: string): PageScenario[] {
  return SEARCHES.map(([name, path]) => ({
    name,
    url: `${portalUrl}${path}`,
    headers: BROWSER_HEADERS,
    idReplacement: path.includes('[<id>]'),
    target: SEARCH_TARGET,
  }));
}

if (import.meta.main) await measureAlone(searchScenarios);
