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
  /**
   * Every match counted, and the ids of the page asked for, in name order for the language. The key must be
   * `indexable` (a word of three letters or more): filters alone are the database's to answer.
   */
  search(filter: IndexFilter, lang: Language, offset: number, limit: number): { total: number; ids: number[] };
}

const PIECE = 3;

/** Whether a key has a word the index can look up (a piece of three letters). */
export function indexable(key: string | undefined): key is string {
  return key !== undefined && key.split(' ').some((word) => word.length >= PIECE);
}

function pieces(word: string): string[] {
  const found: string[] = [];
  for (let at = 0; at + PIECE <= word.length; at++) found.push(word.slice(at, at + PIECE));
  return found;
}

/** Entries whose key holds a piece, as ascending positions. */
function buildPostings(keys: readonly string[]): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  keys.forEach((key, position) => {
    for (const piece of new Set(pieces(key))) {
      const list = lists.get(piece);
      if (list) list.push(position);
      else lists.set(piece, [position]);
    }
  });
  return new Map([...lists].map(([piece, list]) => [piece, Int32Array.from(list)]));
}

/** A column of short codes (sectors, regions) as one byte per entry, and the code of each value. */
function codes(values: readonly string[]): { column: Uint8Array; codeOf: Map<string, number> } {
  const codeOf = new Map<string, number>();
  const column = Uint8Array.from(values, (value) => {
    if (!codeOf.has(value)) codeOf.set(value, codeOf.size + 1);
    return codeOf.get(value) ?? 0;
  });
  return { column, codeOf };
}

/** Columns rather than objects: what a search reads of 50,000 entries stays small and close together. */
export function buildRegisterIndex(rows: readonly IndexRow[]): RegisterIndex {
  const ids = Int32Array.from(rows, (row) => row.id);
  const keys = rows.map((row) => row.key);
  const inns = rows.map((row) => row.inn);
  const sectors = codes(rows.map((row) => row.sector));
  const regions = codes(rows.map((row) => row.region));
  const ranks: Record<Language, Int32Array> = {
    ky: Int32Array.from(rows, (row) => row.rankKy),
    ru: Int32Array.from(rows, (row) => row.rankRu),
    en: Int32Array.from(rows, (row) => row.rankEn),
  };
  const postings = buildPostings(keys);
  const none: Int32Array = new Int32Array(0);

  return {
    size: rows.length,
    search(filter, lang, offset, limit) {
      const words = (filter.key ?? '').split(' ').filter(Boolean);
      // The positions worth checking: the shortest list of any piece of the words.
      let candidates: Int32Array = none;
      let first = true;
      for (const piece of words.flatMap(pieces)) {
        const list = postings.get(piece) ?? none;
        if (first || list.length < candidates.length) candidates = list;
        first = false;
      }
      // A filter value no entry has (0) matches nothing.
      const sector = filter.sector === undefined ? -1 : (sectors.codeOf.get(filter.sector) ?? 0);
      const region = filter.region === undefined ? -1 : (regions.codeOf.get(filter.region) ?? 0);
      const found: number[] = [];
      for (const position of candidates) {
        if (sector !== -1 && sectors.column[position] !== sector) continue;
        if (region !== -1 && regions.column[position] !== region) continue;
        if (filter.inn && !inns[position]?.startsWith(filter.inn)) continue;
        const key = keys[position] ?? '';
        if (words.every((word) => key.includes(word))) found.push(position);
      }
      const rank = ranks[lang];
      found.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
      return { total: found.length, ids: found.slice(offset, offset + limit).map((position) => ids[position] ?? 0) };
    },
  };
}
