/** The public register's search: the filters, the capped count, and a page of matches read the fastest way. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { Region, Sector } from './reference-data.ts';
import { ORGANISATION_COLUMNS, toOrganisation, type OrganisationRow } from './repository.ts';
import { buildRegisterIndex, type IndexRow, type RegisterIndex } from './search-index.ts';
import type { Organisation } from './types.ts';

export interface RegisterFilter {
  /** The query's search key (search-key.ts): any script, already folded. */
  key?: string;
  /** Leading digits of an ИНН. */
  inn?: string;
  sector?: Sector;
  region?: Region;
}

/** The column a page in this language sorts by (the name readers of it see). */
const SORT_NAME: Record<Language, string> = { ky: 'name_ky', ru: 'name_ru', en: 'coalesce(name_en, name_ru)' };

/** Entries like the key by trigram word similarity (pg_trgm's `<%`, default 0.6: misspellings), and the filters. */
function filtered(knex: Knex | Knex.Transaction, filter: RegisterFilter) {
  const query = knex('organisations');
  if (filter.key) query.whereRaw('? <% search_text', [filter.key]);
  // Leading digits as a range of the unique index (a LIKE prefix cannot use it under the database's collation).
  if (filter.inn) query.where('inn', '>=', filter.inn.padEnd(14, '0')).where('inn', '<=', filter.inn.padEnd(14, '9'));
  if (filter.sector) query.where('sector', filter.sector);
  if (filter.region) query.where('region', filter.region);
  return query;
}

/** Counting stops here: a reader is told "1,000+" rather than the database counting every match. */
export const COUNT_CAP = 1000;

async function cappedCount(knex: Knex, filter: RegisterFilter): Promise<number> {
  const rows: { n: string }[] = await knex.count({ n: '*' }).from(
    filtered(knex, filter)
      .select(knex.raw('1'))
      .limit(COUNT_CAP + 1)
      .as('capped'),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * One page of the entries a filter finds by similarity (misspellings), best matches first, with the total (at
 * most COUNT_CAP + 1: "more than COUNT_CAP"). Searches by words, ИНН, sector and region: searchByWords.
 *
 * Counted first, because the count decides how the page is best read: past the cap, walking the name index in
 * order finds a page at once; under it the few matches may all sit late in name order, so they are taken from
 * the trigram index first and sorted (a materialised CTE keeps the planner to that order).
 */
export async function searchBySimilarity(
  knex: Knex,
  filter: RegisterFilter,
  page: { lang: Language; limit: number; offset: number },
): Promise<{ total: number; organisations: Organisation[] }> {
  const total = await cappedCount(knex, filter);
  if (total === 0 || page.offset >= total) return { total, organisations: [] };
  const similar = filter.key ? [filter.key] : undefined;
  const order = `${similar ? 'word_similarity(?, search_text) desc, ' : ''}${SORT_NAME[page.lang]}, id`;
  const query: Knex.QueryBuilder =
    total > COUNT_CAP
      ? filtered(knex, filter).select(knex.raw(ORGANISATION_COLUMNS))
      : knex.withMaterialized('matches', filtered(knex, filter).select('*')).from('matches').select(knex.raw(ORGANISATION_COLUMNS));
  const rows = (await query
    .orderByRaw(order, similar ?? [])
    .limit(page.limit)
    .offset(page.offset)) as OrganisationRow[];
  return { total, organisations: rows.map(toOrganisation) };
}

interface Held {
  version: bigint;
  index: RegisterIndex;
}

/** Per database: the index held, and the one being built. */
const held = new WeakMap<Knex, { current?: Held; building?: { version: bigint; done: Promise<Held> } }>();

/** The register's version (migration 20261208200100): moved by every statement that changes it. */
async function readVersion(knex: Knex | Knex.Transaction): Promise<bigint> {
  const row: { version: string } | undefined = await knex('register_version').first('version');
  return BigInt(row?.version ?? 0);
}

/** The register's rows for the index and the version they are, read in one snapshot. */
async function loadIndex(knex: Knex): Promise<Held> {
  return knex.transaction(
    async (trx) => {
      const version = await readVersion(trx);
      const rows = await trx.raw<{ rows: IndexRow[] }>(
        `select id, search_text as key, inn, sector, region,
           (row_number() over (order by name_ky, id) - 1)::int as "rankKy",
           (row_number() over (order by name_ru, id) - 1)::int as "rankRu",
           (row_number() over (order by coalesce(name_en, name_ru), id) - 1)::int as "rankEn"
         from organisations`,
      );
      return { version, index: buildRegisterIndex(rows.rows) };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

/** The index of the register as it is now: one row read to check, rebuilt (once, however many ask) when it moved. */
async function currentIndex(knex: Knex): Promise<RegisterIndex> {
  const state = held.get(knex) ?? {};
  held.set(knex, state);
  const version = await readVersion(knex);
  if (state.current && state.current.version >= version) return state.current.index;
  if (!state.building || state.building.version < version) {
    const done = loadIndex(knex).then((built) => {
      if (!state.current || built.version > state.current.version) state.current = built;
      return built;
    });
    state.building = { version, done };
    done.then(
      () => state.building?.done === done && delete state.building,
      () => state.building?.done === done && delete state.building,
    );
  }
  return (await state.building.done).index;
}

/**
 * One page of the entries whose names hold every word of the key (and the ИНН's leading digits, the sector and the
 * region asked for), in name order, with the total (at most COUNT_CAP + 1). Found in the index in memory
 * (search-index.ts); the database gives the page's rows by id.
 */
export async function searchByWords(
  knex: Knex,
  filter: RegisterFilter,
  page: { lang: Language; limit: number; offset: number },
): Promise<{ total: number; organisations: Organisation[] }> {
  const index = await currentIndex(knex);
  const found = index.search(filter, page.lang, page.offset, page.limit);
  const rows = found.ids.length ? await knex('organisations').whereIn('id', found.ids).select<OrganisationRow[]>(knex.raw(ORGANISATION_COLUMNS)) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const organisations = found.ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toOrganisation(row)] : [];
  });
  return { total: Math.min(found.total, COUNT_CAP + 1), organisations };
}
