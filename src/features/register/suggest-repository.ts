/** The organisation picker's typeahead: registered entries by the beginning of one of their names' words. */
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { preparedRows, type PreparedRead } from '../../db/prepared.ts';

export interface Suggestion {
  registrationNumber: string;
  nameKy: string;
  nameRu: string;
  nameEn: string | null;
  inn: string;
}

/**
 * For each key, up to $3 entries one of whose names begins with it, or has a word that does: a range of the
 * C-collated name-key index, then the entries by id. Keys hold only [a-z0-9 ] (search-key.ts), so "~" sorts
 * after every key that begins with this one. A name can begin with the key at several of its words: a few more
 * rows than needed ($2) are taken, in index order. Planned once per connection (db/prepared.ts).
 */
const SUGGEST: PreparedRead = {
  name: 'register-suggest',
  text: `select asked.ord::int as ord, found.registration_number, found.name_ky, found.name_ru, found.name_en, found.inn
           from unnest($1::text[]) with ordinality as asked(key, ord)
           cross join lateral (
             select registration_number, name_ky, name_ru, name_en, inn, row_number() over (order by name_ru) as place
               from organisations
              where id in (select organisation_id from organisation_name_keys
                            where key collate "C" >= asked.key and key collate "C" < asked.key || '~'
                            order by key collate "C" limit $2)
                and status = 'registered'
              order by name_ru
              limit $3) as found
          order by asked.ord, found.place`,
};

interface SuggestionRow {
  ord: number;
  registration_number: string;
  name_ky: string;
  name_ru: string;
  name_en: string | null;
  inn: string;
}

/**
 * Readers typing ask for a new prefix at every keystroke, many at once: the keys asked for while the event loop
 * turns once (setImmediate runs after the connections' reads of this turn) go to the database together, in one
 * statement — one round trip, not one each. Per database and limit.
 */
const loaders = new WeakMap<Knex, Map<number, DataLoader<string, Suggestion[]>>>();

function loaderFor(knex: Knex, limit: number): DataLoader<string, Suggestion[]> {
  let byLimit = loaders.get(knex);
  if (!byLimit) loaders.set(knex, (byLimit = new Map<number, DataLoader<string, Suggestion[]>>()));
  let loader = byLimit.get(limit);
  if (!loader) {
    loader = new DataLoader(
      async (keys) => {
        const rows = await preparedRows<SuggestionRow>(knex, SUGGEST, [keys, limit * 3, limit]);
        const answers = keys.map((): Suggestion[] => []);
        for (const row of rows) {
          answers[row.ord - 1]?.push({
            registrationNumber: row.registration_number,
            nameKy: row.name_ky,
            nameRu: row.name_ru,
            nameEn: row.name_en,
            inn: row.inn,
          });
        }
        return answers;
      },
      // Nothing kept here (caches.ts keeps answers until the register changes); at most 64 keys a statement.
      { cache: false, maxBatchSize: 64, batchScheduleFn: (callback) => setImmediate(callback) },
    );
    byLimit.set(limit, loader);
  }
  return loader;
}

/** Up to `limit` registered entries one of whose names begins with the key, or has a word that does. */
export function suggestOrganisations(knex: Knex, key: string, limit: number): Promise<Suggestion[]> {
  return loaderFor(knex, limit).load(key);
}
