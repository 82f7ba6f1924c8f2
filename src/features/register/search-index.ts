/**
 * The public register's word search in memory: each entry's search key (search-key.ts), ИНН, sector and region,
 * its place in name order in each language (ranked by the database, so the order is the database's collation),
 * and an index from each three-letter piece of a key to the entries whose key holds it. A search takes the
 * rarest piece of its words, checks those entries' keys for every word (the same test as SQL's `like '%word%'`),
 * and reads the page in name order — without the database, whose part is then the page's 20 rows by id.
 *
 * Pure: built from rows, asked with a filter. The database keeps the truth; features/register/search-repository.ts
 * rebuilds this whenever the register's version moves.
 */
import type { Language } from '../../config.ts';

export interface IndexRow {
  id: number;
  key: string;
  inn: string;
  sector: string;
  region: string;
  /** 0-based places in name order: name_ky, name_ru, coalesce(name_en, name_ru), each then by id. */
  rankKy: number;
  rankRu: number;
  rankEn: number;
}

export interface IndexFilter {
  key?: string;
  inn?: string;
  sector?: string;
  region?: string;
}

export interface RegisterIndex {
  readonly size: number;
  /** Every match counted, and the ids of the page asked for, in name order for the language. */
  search(filter: IndexFilter, lang: Language, offset: number, limit: number): { total: number; ids: number[] };
}

const PIECE = 3;

function pieces(word: string): string[] {
  const found: string[] = [];
  for (let at = 0; at + PIECE <= word.length; at++) found.push(word.slice(at, at + PIECE));
  return found;
}

/** Entries whose key holds a piece, as ascending positions. */
function buildPostings(rows: readonly IndexRow[]): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  rows.forEach((row, position) => {
    for (const piece of new Set(pieces(row.key))) {
      const list = lists.get(piece);
      if (list) list.push(position);
      else lists.set(piece, [position]);
    }
  });
  return new Map([...lists].map(([piece, list]) => [piece, Int32Array.from(list)]));
}

/** Positions in name order for each language. */
function buildOrders(rows: readonly IndexRow[]): Record<Language, Int32Array> {
  const order = (rank: (row: IndexRow) => number): Int32Array => {
    const byRank = new Int32Array(rows.length);
    rows.forEach((row, position) => (byRank[rank(row)] = position));
    return byRank;
  };
  return { ky: order((row) => row.rankKy), ru: order((row) => row.rankRu), en: order((row) => row.rankEn) };
}

export function buildRegisterIndex(rows: readonly IndexRow[]): RegisterIndex {
  const postings = buildPostings(rows);
  const orders = buildOrders(rows);
  const ranks: Record<Language, Int32Array> = {
    ky: Int32Array.from(rows, (row) => row.rankKy),
    ru: Int32Array.from(rows, (row) => row.rankRu),
    en: Int32Array.from(rows, (row) => row.rankEn),
  };

  /** The positions worth checking: the shortest list of any piece of the words, or every entry. */
  const candidates = (words: readonly string[]): Int32Array | undefined => {
    let shortest: Int32Array | undefined;
    for (const word of words)
      for (const piece of pieces(word)) {
        const list = postings.get(piece) ?? new Int32Array(0);
        if (!shortest || list.length < shortest.length) shortest = list;
      }
    return shortest;
  };

  return {
    size: rows.length,
    search(filter, lang, offset, limit) {
      const words = filter.key ? filter.key.split(' ').filter(Boolean) : [];
      const matches = (position: number): boolean => {
        const row = rows[position];
        if (!row) return false;
        if (filter.sector && row.sector !== filter.sector) return false;
        if (filter.region && row.region !== filter.region) return false;
        if (filter.inn && !row.inn.startsWith(filter.inn)) return false;
        return words.every((word) => row.key.includes(word));
      };
      const few = candidates(words);
      if (few) {
        // Few candidates: check them, then sort the matches by their place in name order.
        const found = Array.from(few).filter(matches);
        const rank = ranks[lang];
        found.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
        return { total: found.length, ids: found.slice(offset, offset + limit).map((position) => rows[position]?.id ?? 0) };
      }
      // Every entry may match (filters, or words too short for a piece): walk the name order, counting all.
      const ids: number[] = [];
      let total = 0;
      for (const position of orders[lang]) {
        if (!matches(position)) continue;
        if (total >= offset && ids.length < limit) ids.push(rows[position]?.id ?? 0);
        total++;
      }
      return { total, ids };
    },
  };
}
