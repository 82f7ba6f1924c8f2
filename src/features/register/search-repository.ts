/** The public register's search: the filters, the capped count, and a page of matches read the fastest way. */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import type { Region, Sector } from './reference-data.ts';
import { ORGANISATION_COLUMNS, toOrganisation, type OrganisationRow } from './repository.ts';
import type { Organisation } from './types.ts';

export interface RegisterFilter {
  /** The query's search key (search-key.ts): any script, already folded. */
  key?: string;
  /**
   * How the key is matched: every word of it somewhere in the names (`words`, cheap, under the trigram index), or
   * by trigram word similarity (`similar`, pg_trgm's `<%`: for misspellings, computed per candidate row).
   */
  match?: 'words' | 'similar';
  /** Leading digits of an ИНН. */
  inn?: string;
  sector?: Sector;
  region?: Region;
}

/** The column a page in this language sorts by (the name readers of it see). */
const SORT_NAME: Record<Language, string> = { ky: 'name_ky', ru: 'name_ru', en: 'coalesce(name_en, name_ru)' };

function filtered(knex: Knex | Knex.Transaction, filter: RegisterFilter) {
  const query = knex('organisations');
  // A substring of the folded names, or a trigram match of the query's words (pg_trgm's `<%`, default 0.6).
  const key = filter.key;
  if (key && filter.match === 'similar') query.whereRaw('? <% search_text', [key]);
  // The key holds only [a-z0-9 ] (search-key.ts): nothing in it is a LIKE wildcard.
  else if (key) for (const word of key.split(' ')) query.where('search_text', 'like', `%${word}%`);
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
 * One page of the entries a filter finds, best matches first when searching by name, with the total (at most
 * COUNT_CAP + 1: "more than COUNT_CAP").
 *
 * Counted first, because the count decides how the page is best read. Past the cap the matches are everywhere,
 * and walking the name index in order finds a page of them at once. Under it they may all sit late in name
 * order (every «ОсОО "Береке Банк …"» under О), where that walk reads most of the register: the few matches are
 * then taken from the trigram index first and sorted (a materialised CTE keeps the planner to that order).
 */
export async function searchOrganisations(
  knex: Knex,
  filter: RegisterFilter,
  page: { lang: Language; limit: number; offset: number },
): Promise<{ total: number; organisations: Organisation[] }> {
  const total = await cappedCount(knex, filter);
  if (total === 0 || page.offset >= total) return { total, organisations: [] };
  const similar = filter.key && filter.match === 'similar' ? [filter.key] : undefined;
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
