/**
 * Search (issue 19, point 2): a few queries under load, each as a ratio to the bare Express "hello" measured beside
 * it (bench/rounds.ts), with the portal logging as deployed. `npm run bench` measures them among the rest; `npm run
 * bench:search` measures only them, on a fresh database with the real content and no cases.
 */
import type autocannon from 'autocannon';
import { BROWSER_HEADERS } from './reading.ts';
import { measureAlone, pathScenarios, type PageScenario } from './rounds.ts';

/**
 * One word (the measurement), a partial match across a synonym, a citizen's whole question — each
 * asked again and again, as popular questions are — and a question never asked before on every request
 * (autocannon puts a new id in place of [<id>]), which no kept page can answer: the citizen's question with a
 * word no page holds, answered from the results page its words share (features/content/search-pages.ts).
 */
const SEARCHES = [
  ['search ru "доступ"', '/ru/search?q=%D0%B4%D0%BE%D1%81%D1%82%D1%83%D0%BF'],
  ['search ky "мобилдик оператор"', `/ky/search?q=${encodeURIComponent('мобилдик оператор')}`],
  ['search en, a whole question', `/en/search?q=${encodeURIComponent('my employer films me at work')}`],
  ['search en, a new question each time', `/en/search?q=${encodeURIComponent('my employer films me at work')}+[<id>]`],
] as const;

const SEARCH_TARGET = { label: '≥ 20% of bare, p99 ≤ 25 ms', minRatio: 0.2, maxP99: 25 };

/** Words of the English guidance a citizen asks about: three of them make a question (59,280 in all, in order). */
const WORDS = (
  'data employer camera bank consent delete phone school doctor police passport photo video website marketing ' +
  'complaint access copy correct breach leak children health medical credit loan operator mobile email address ' +
  'neighbour apartment salary job hospital register court document biometric insurance'
).split(' ');

/** A question of three words on every request, never the same words in a row: each is searched and rendered. */
function newWordsEachTime(): (request: autocannon.Request) => autocannon.Request {
  let asked = 0;
  return (request) => {
    asked++;
    const [a, b, c] = [asked % 40, Math.floor(asked / 40) % 39, Math.floor(asked / 1560) % 38];
    const rest = WORDS.filter((_, at) => at !== a);
    const last = rest.filter((_, at) => at !== b);
    return { ...request, path: `/en/search?q=${[WORDS[a], rest[b], last[c]].join('+')}` };
  };
}

export function searchScenarios(portalUrl: string): PageScenario[] {
  const words: PageScenario = {
    name: 'search en, new words each time (no target: what a search and a render cost)',
    url: `${portalUrl}/en/search`,
    headers: BROWSER_HEADERS,
    requests: [{ setupRequest: newWordsEachTime() }],
  };
  return [...pathScenarios(portalUrl, SEARCHES, BROWSER_HEADERS, SEARCH_TARGET), words];
}

if (import.meta.main) await measureAlone(searchScenarios);
