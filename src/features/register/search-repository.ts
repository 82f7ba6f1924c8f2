/** The public register's search: the filters, the capped count, and a page of matches read the fastest way. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { Region, Sector } from './reference-data.ts';
import { ORGANISATION_COLUMNS, toOrganisation, type OrganisationRow } from './repository.ts';
import { buildRegisterIndex, indexable, type IndexRow, type RegisterIndex } from './search-index.ts';
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

type Match = 'words' | 'similar';

/**
 * Entries whose names hold every word of the key (`words`), or are like it by trigram word similarity (`similar`,
 * pg_trgm's `<%`, default 0.6: misspellings); and the filters.
 */
function filtered(knex: Knex | Knex.Transaction, filter: RegisterFilter, match: Match) {
  const query = knex('organisations');
  if (filter.key && match === 'similar') query.whereRaw('? <% search_text', [filter.key]);
  // The key holds only [a-z0-9 ] (search-key.ts): nothing in it is a LIKE wildcard.
  else if (filter.key) for (const word of filter.key.split(' ')) query.where('search_text', 'like', `%${word}%`);
  // Leading digits as a range of the unique index (a LIKE prefix cannot use it under the database's collation).
  if (filter.inn) query.where('inn', '>=', filter.inn.padEnd(14, '0')).where('inn', '<=', filter.inn.padEnd(14, '9'));
  if (filter.sector) query.where('sector', filter.sector);
  if (filter.region) query.where('region', filter.region);
  return query;
}

/** Counting stops here: a reader is told "1,000+" rather than the database counting every match. */
export const COUNT_CAP = 1000;

async function cappedCount(knex: Knex, filter: RegisterFilter, match: Match): Promise<number> {
  const rows: { n: string }[] = await knex.count({ n: '*' }).from(
    filtered(knex, filter, match)
      .select(knex.raw('1'))
      .limit(COUNT_CAP + 1)
      .as('capped'),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * One page of the entries a filter finds in the database, best matches first when by similarity, with the total
 * (at most COUNT_CAP + 1: "more than COUNT_CAP").
 *
 * Counted first, because the count decides how the page is best read: past the cap, walking the name index in
 * order finds a page at once; under it the few matches may all sit late in name order, so they are taken from
 * the trigram index first and sorted (a materialised CTE keeps the planner to that order).
 */
async function searchInDatabase(
  knex: Knex,
  filter: RegisterFilter,
  page: { lang: Language; limit: number; offset: number },
  match: Match,
): Promise<{ total: number; organisations: Organisation[] }> {
  const total = await cappedCount(knex, filter, match);
  if (total === 0 || page.offset >= total) return { total, organisations: [] };
  const similar = filter.key && match === 'similar' ? [filter.key] : undefined;
  const order = `${similar ? 'word_similarity(?, search_text) desc, ' : ''}${SORT_NAME[page.lang]}, id`;
  const query: Knex.QueryBuilder =
    total > COUNT_CAP
      ? filtered(knex, filter, match).select(knex.raw(ORGANISATION_COLUMNS))
      : knex
          .withMaterialized('matches', filtered(knex, filter, match).select('*'))
          .from('matches')
          .select(knex.raw(ORGANISATION_COLUMNS));
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
  let state = held.get(knex);
  if (!state) held.set(knex, (state = {}));
  const version = await readVersion(knex);
  if (state.current && state.current.version >= version) return state.current.index;
  if (!state.building || state.building.version < version) {
    const done = loadIndex(knex).then((built) => {
      if (!state.current || built.version > state.current.version) state.current = built;
      return built;
    });
    state.building = { version, done };
    // Forgotten once settled, either way (a failed build is tried again by the next search).
    const settled = (): void => {
      if (state.building?.done === done) delete state.building;
    };
    done.then(settled, settled);
  }
  return (await state.building.done).index;
}

/** One page of the entries like a misspelled name (pg_trgm), best matches first. */
export function searchBySimilarity(
  knex: Knex,
  filter: RegisterFilter,
  page: { lang: Language; limit: number; offset: number },
): Promise<{ total: number; organisations: Organisation[] }> {
  return searchInDatabase(knex, filter, page, 'similar');
}

/**
 * One page of the entries whose names hold every word of the key (and the ИНН's leading digits, the sector and the
 * region asked for), in name order, with the total (at most COUNT_CAP + 1). With a word of three letters or more,
 * found in the index in memory (search-index.ts) and the page's rows read by id: the trigram search that costs
 * the database most. Filters alone and shorter words are what the database's own indexes answer at once.
 */
export async function searchByWords(
  knex: Knex,
  filter: RegisterFilter,
  page: { lang: Language; limit: number; offset: number },
): Promise<{ total: number; organisations: Organisation[] }> {
  if (!indexable(filter.key)) return searchInDatabase(knex, filter, page, 'words');
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
