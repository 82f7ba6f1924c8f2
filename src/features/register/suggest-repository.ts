/** The organisation picker's typeahead: registered entries by the beginning of one of their names' words. */
import type { Knex } from 'knex';
import { perTurn } from '../../db/per-turn.ts';
import { preparedRows, type PreparedRead } from '../../db/prepared.ts';

export interface Suggestion {
  registrationNumber: string;
  nameKy: string;
  nameRu: string;
  nameEn: string | null;
  inn: string;
}

/**
 * For each key, up to its limit of entries one of whose names begins with it, or has a word that does: a range of
 * the C-collated name-key index, then the entries by id. Keys hold only [a-z0-9 ] (search-key.ts), so "~" sorts
 * after every key that begins with this one. A name can begin with the key at several of its words: a few more
 * rows than needed are taken, in index order. Planned once per connection (db/prepared.ts).
 */
const SUGGEST: PreparedRead = {
  name: 'register-suggest',
  text: `select asked.ord::int as ord, found.registration_number, found.name_ky, found.name_ru, found.name_en, found.inn
           from unnest($1::text[], $2::int[]) with ordinality as asked(key, wanted, ord)
           cross join lateral (
             select registration_number, name_ky, name_ru, name_en, inn, row_number() over (order by name_ru) as place
               from organisations
              where id in (select organisation_id from organisation_name_keys
                            where key collate "C" >= asked.key and key collate "C" < asked.key || '~'
                            order by key collate "C" limit asked.wanted * 3)
                and status = 'registered'
              order by name_ru
              limit asked.wanted) as found
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
 * Readers typing ask for a new prefix at every keystroke, many at once: the prefixes of one turn of the event loop
 * go to the database in one statement (db/per-turn.ts), not one round trip each.
 */
const suggestPerTurn = perTurn<{ key: string; limit: number }, Suggestion[]>(async (knex, asked) => {
  const rows = await preparedRows<SuggestionRow>(knex, SUGGEST, [asked.map((one) => one.key), asked.map((one) => one.limit)]);
  const answers = asked.map((): Suggestion[] => []);
  for (const row of rows) {
    answers[row.ord - 1]?.push({ registrationNumber: row.registration_number, nameKy: row.name_ky, nameRu: row.name_ru, nameEn: row.name_en, inn: row.inn });
  }
  return answers;
});

/** Up to `limit` registered entries one of whose names begins with the key, or has a word that does. */
export function suggestOrganisations(knex: Knex, key: string, limit: number): Promise<Suggestion[]> {
  return suggestPerTurn(knex, { key, limit });
}
