/**
 * The register (issue 15, point 5): the public search and the organisation picker's typeahead at 50,000
 * organisations (about 200,000 arrays), each as a ratio to the bare Express "hello" measured beside it
 * (bench/rounds.ts), at 32 connections. `npm run bench` measures them among the rest; `npm run bench:register`
 * measures only them, on a fresh database (or BENCH_DB_NAME's) that it fills with the organisations first.
 */
import type { Knex } from 'knex';
import { seedRegisterVolume } from '../src/features/register/volume.ts';
import { BROWSER_HEADERS } from './reading.ts';
import { measureAlone, pathScenarios, type PageScenario } from './rounds.ts';
import { fromACrowd, log } from './support.ts';

export const REGISTER_ORGANISATIONS = 50_000;

/** Filled once (a kept database keeps them), then analysed, as autovacuum would have long before. */
export async function ensureRegister(knex: Knex, total = REGISTER_ORGANISATIONS): Promise<void> {
  const counted = await knex('organisations').count<{ count: string }[]>('* as count');
  const missing = total - Number(counted[0]?.count ?? 0);
  if (missing > 0) {
    log(`seeding ${missing.toLocaleString('en')} organisations into the register…`);
    let shown = 0;
    await seedRegisterVolume(knex, missing, (inserted) => {
      const percent = Math.floor((inserted / missing) * 100);
      if (percent >= shown + 10 || inserted === missing) {
        shown = percent;
        log(`  ${inserted.toLocaleString('en')} / ${missing.toLocaleString('en')} organisations (${String(percent)}%)`);
      }
    });
  }
  await knex.raw('vacuum analyze organisations, organisation_name_keys, register_arrays');
}

const q = (text: string) => encodeURIComponent(text);

/**
 * Searches a reader makes: a name in Cyrillic with about 450 matches, a single common word in Latin (thousands:
 * the count stops at 1,000+), a region alone, a sector and a region, the beginning of an ИНН, and a page deep in
 * a long list — each asked again and again, as popular searches are (answered from memory until the register
 * changes) — and two asked for the first time on every request. Typeahead: two letters, a word and a half in
 * Cyrillic, a Latin prefix, and a prefix never typed before.
 */
const SEARCHES = [
  ['register ru "Береке Банк"', `/ru/register?q=${q('Береке Банк')}`],
  ['register en "bank"', `/en/register?q=bank`],
  ['register ky region only', `/ky/register?region=osh_city`],
  ['register ru sector + region', `/ru/register?sector=banking&region=chuy`],
  ['register ИНН prefix "0101"', `/ru/register?q=0101`],
  ['register en "clinic", page 40', `/en/register?q=clinic&page=40`],
  // A URL never asked before on every request (autocannon puts a new id in place of [<id>]): no kept page answers it.
  ['register ru "Береке Банк", never asked before', `/ru/register?q=${q('Береке Банк')}&n=[<id>]`],
  ['register ky sector + region, never asked before', `/ky/register?sector=healthcare&region=osh&n=[<id>]`],
] as const;

const TYPEAHEAD = [
  ['typeahead "ma"', `/ru/register/suggest?q=ma`],
  ['typeahead "Береке Ба"', `/ru/register/suggest?q=${q('Береке Ба')}`],
  ['typeahead "tulpar tr"', `/en/register/suggest?q=${q('tulpar tr')}`],
  ['typeahead, a prefix never typed before', `/ru/register/suggest?q=${q('бе')}[<id>]`],
] as const;

const SEARCH_TARGET = { label: 'p95 ≤ 50 ms', minRatio: 0, maxP95: 50 };
const TYPEAHEAD_TARGET = { label: 'p95 ≤ 20 ms', minRatio: 0, maxP95: 20 };

export function registerScenarios(portalUrl: string): PageScenario[] {
  return [
    ...pathScenarios(portalUrl, SEARCHES, BROWSER_HEADERS, SEARCH_TARGET),
    // Suggestions are limited per address (120 a minute): the load comes from a crowd of readers typing.
    ...pathScenarios(portalUrl, TYPEAHEAD, { ...BROWSER_HEADERS, Accept: 'application/json' }, TYPEAHEAD_TARGET).map((scenario) => ({
      ...scenario,
      requests: [{ setupRequest: fromACrowd() }],
    })),
  ];
}

if (import.meta.main) await measureAlone(registerScenarios, (knex) => ensureRegister(knex));
