/**
 * The public register's word search in memory: each entry's search key (search-key.ts), ИНН, sector and region,
 * its place in name order in each language (ranked by the database, so the order is the database's collation),
 * and an index from each three-letter piece of a key to the entries whose key holds it. A search takes the
 * entries in the lists of each word's rarest piece, checks their keys for every word (the same test as SQL's
 * `like '%word%'`) and the filters, and reads the page in name order; a search by filters alone walks the entries
 * in name order. All without the database, whose part is then the page's 20 rows by id.
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
   * Every match counted, and the ids of the page asked for, in name order for the language. The key, when given,
   * must be `indexable` (a word of three letters or more); without one the filters alone choose. With
   * `countUpTo`, counting may stop once the total is past it (the page is still whole).
   */
  search(filter: IndexFilter, lang: Language, offset: number, limit: number, countUpTo?: number): { total: number; ids: number[] };
}

const PIECE = 3;
const NONE = new Int32Array(0);

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

interface NameOrder {
  all: Int32Array;
  bySector: Int32Array[];
  byRegion: Int32Array[];
}

/**
 * Positions in name order for one language, all of them and by each sector and region code: a search without
 * words walks the shortest list that applies, and needs no sort.
 */
function nameOrder(rank: Int32Array, [sectors, regions]: ReturnType<typeof codes>[]): NameOrder {
  const all = new Int32Array(rank.length);
  rank.forEach((place, position) => (all[place] = position));
  const split = ({ column, codeOf }: ReturnType<typeof codes>): Int32Array[] => {
    const lists = Array.from({ length: codeOf.size + 1 }, (): number[] => []);
    for (const position of all) lists[column[position] ?? 0]?.push(position);
    return lists.map((list) => Int32Array.from(list));
  };
  return { all, bySector: sectors ? split(sectors) : [], byRegion: regions ? split(regions) : [] };
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

  const inOrder = (lang: Language): NameOrder => nameOrder(ranks[lang], [sectors, regions]);
  const orders: Record<Language, NameOrder> = { ky: inOrder('ky'), ru: inOrder('ru'), en: inOrder('en') };

  return {
    size: rows.length,
    search(filter, lang, offset, limit, countUpTo = Infinity) {
      const words = (filter.key ?? '').split(' ').filter(Boolean);
      // A filter value no entry has (code 0) matches nothing.
      const sector = filter.sector === undefined ? -1 : (sectors.codeOf.get(filter.sector) ?? 0);
      const region = filter.region === undefined ? -1 : (regions.codeOf.get(filter.region) ?? 0);
      if (sector === 0 || region === 0) return { total: 0, ids: [] };
      const inn = filter.inn;
      const passes = (position: number): boolean =>
        (sector === -1 || sectors.column[position] === sector) &&
        (region === -1 || regions.column[position] === region) &&
        (!inn || (inns[position] ?? '').startsWith(inn));
      const order = orders[lang];
      if (words.length === 0) {
        // Filters alone: the entries of the sector (or region, or all) in name order, the page's taken as they pass.
        const walked = [order.all, order.bySector[sector] ?? order.all, order.byRegion[region] ?? order.all].reduce((a, b) => (b.length < a.length ? b : a));
        const page: number[] = [];
        let total = 0;
        for (const position of walked) {
          if (!passes(position)) continue;
          if (total >= offset && page.length < limit) page.push(ids[position] ?? 0);
          total++;
          if (total > countUpTo && total >= offset + limit) break;
        }
        return { total, ids: page };
      }
      // The entries holding each word's rarest piece, checked for every word; their places in name order
      // sorted as numbers (the places are 0…n-1, so each names one entry).
      const rank = ranks[lang];
      const places: number[] = [];
      for (const position of candidates(postings, words)) {
        if (!passes(position)) continue;
        const key = keys[position] ?? '';
        if (words.every((word) => key.includes(word))) places.push(rank[position] ?? 0);
      }
      const sorted = Int32Array.from(places).sort();
      return { total: sorted.length, ids: Array.from(sorted.subarray(offset, offset + limit), (place) => ids[order.all[place] ?? 0] ?? 0) };
    },
  };
}

/**
 * The entries worth checking for these words: those in the list of each word's rarest piece (an entry without
 * one of those pieces cannot hold every word). Lists are ascending: each is merged into the shortest in one pass.
 * Pieces of one word say little more than its rarest one ("bereke": ber, ere, rek, eke are in the same entries),
 * so each word gives one list.
 */
function candidates(postings: Map<string, Int32Array>, words: string[]): Int32Array {
  const lists = words
    .filter((word) => word.length >= PIECE)
    .map(
      (word) =>
        pieces(word).reduce<Int32Array | undefined>((shortest, piece) => {
          const list = postings.get(piece) ?? NONE;
          return !shortest || list.length < shortest.length ? list : shortest;
        }, undefined) ?? NONE,
    )
    .sort((a, b) => a.length - b.length);
  let found = lists[0] ?? NONE;
  for (const list of lists.slice(1)) {
    if (found.length === 0) break;
    const both = new Int32Array(found.length);
    let kept = 0;
    let at = 0;
    for (const position of found) {
      while (at < list.length && (list[at] ?? 0) < position) at++;
      if (at === list.length) break;
      if (list[at] === position) both[kept++] = position;
    }
    found = both.subarray(0, kept);
  }
  return found;
}
