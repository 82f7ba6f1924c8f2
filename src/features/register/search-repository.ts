/** The public register's search: the filters, the capped count, and a page of matches read the fastest way. */
import type { Knex } from 'knex';
import { perTurn } from '../../db/per-turn.ts';
import { preparedRows, type PreparedRead } from '../../db/prepared.ts';
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

/** An index at least as new as `version`: the one held, or one built (once, however many ask). */
async function indexAt(knex: Knex, version: bigint): Promise<Held> {
  let state = held.get(knex);
  if (!state) held.set(knex, (state = {}));
  if (state.current && state.current.version >= version) return state.current;
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
  return state.building.done;
}

/** Entries' rows by id with the register's version, planned once per connection (db/prepared.ts). */
const ROWS_AND_VERSION: PreparedRead = {
  name: 'register-rows-and-version',
  text: `select ${ORGANISATION_COLUMNS}, (select version from register_version) as register_version
           from organisations where id = any($1::int[])`,
};

type VersionedRow = OrganisationRow & { register_version: string };

/**
 * The pages of the searches of one turn of the event loop are read together, in one statement (db/per-turn.ts);
 * every row of it carries the same version.
 */
const rowPerTurn = perTurn<number, VersionedRow | undefined>(
  async (knex, ids) => {
    const rows = await preparedRows<VersionedRow>(knex, ROWS_AND_VERSION, [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  },
  { maxBatchSize: 500 },
);

/** The rows of these entries, and the register's version they were read at (one statement, one snapshot). */
async function rowsAndVersion(knex: Knex, ids: number[]): Promise<{ rows: OrganisationRow[]; version: bigint }> {
  const rows = (await Promise.all(ids.map((id) => rowPerTurn(knex, id)))).filter((row) => row !== undefined);
  // None found (none asked, or every one removed since, so the version has moved): the version read on its own.
  return { rows, version: rows[0] ? BigInt(rows[0].register_version) : await readVersion(knex) };
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
 * region asked for), in name order, with the total (at most COUNT_CAP + 1). Found in the index in memory
 * (search-index.ts), the page's rows then read by id: the trigram search that costs the database most, and the
 * filters' count and page, without it. Only a key whose words are all under three letters is the database's.
 *
 * The index is asked first and the page's rows are read with the register's version: when that moved since the
 * index was built (a change on any instance, by any tool, that this one has not yet seen), the index is rebuilt
 * and asked again — so a search right after a change finds it, at one round trip when nothing changed.
 */
export async function searchByWords(
  knex: Knex,
  filter: RegisterFilter,
  page: { lang: Language; limit: number; offset: number },
): Promise<{ total: number; organisations: Organisation[] }> {
  if (filter.key !== undefined && !indexable(filter.key)) return searchInDatabase(knex, filter, page, 'words');
  let index = held.get(knex)?.current ?? (await indexAt(knex, await readVersion(knex)));
  for (let attempt = 1; ; attempt++) {
    const found = index.index.search(filter, page.lang, page.offset, page.limit, COUNT_CAP);
    const { rows, version } = await rowsAndVersion(knex, found.ids);
    // A register changing faster than it can be read: the last page found is answered.
    if (version <= index.version || attempt === 3) {
      const byId = new Map(rows.map((row) => [row.id, row]));
      const organisations = found.ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toOrganisation(row)] : [];
      });
      return { total: Math.min(found.total, COUNT_CAP + 1), organisations };
    }
    index = await indexAt(knex, version);
  }
}
