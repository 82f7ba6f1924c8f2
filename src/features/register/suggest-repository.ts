/** The organisation picker's typeahead: registered entries by the beginning of one of their names' words. */
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
 * Up to `limit` entries one of whose names begins with the key, or has a word that does (the typeahead): a range
 * of the C-collated name-key index, then the entries by id. Keys hold only [a-z0-9 ] (search-key.ts), so "~"
 * sorts after every key that begins with this one. A name can begin with the key at several of its words: a few
 * more rows than needed are taken, in index order. Planned once per connection (db/prepared.ts): a new prefix
 * at every keystroke.
 */
const SUGGEST: PreparedRead = {
  name: 'register-suggest',
  text: `select registration_number, name_ky, name_ru, name_en, inn
           from organisations
          where id in (select organisation_id from organisation_name_keys
                        where key collate "C" >= $1 and key collate "C" < $2
                        order by key collate "C" limit $3)
            and status = 'registered'
          order by name_ru
          limit $4`,
};

export async function suggestOrganisations(knex: Knex, key: string, limit: number): Promise<Suggestion[]> {
  const rows = await preparedRows<{ registration_number: string; name_ky: string; name_ru: string; name_en: string | null; inn: string }>(knex, SUGGEST, [
    key,
    `${key}~`,
    limit * 3,
    limit,
  ]);
  return rows.map((row) => ({ registrationNumber: row.registration_number, nameKy: row.name_ky, nameRu: row.name_ru, nameEn: row.name_en, inn: row.inn }));
}
