/** The organisation picker's typeahead: registered entries by the beginning of one of their names' words. */
import type { Knex } from 'knex';

export interface Suggestion {
  registrationNumber: string;
  nameKy: string;
  nameRu: string;
  nameEn: string | null;
  inn: string;
}

/**
 * Up to `limit` entries one of whose names begins with the key, or has a word that does (the typeahead): a range
 * of the C-collated name-key index, then the entries by id.
 */
export async function suggestOrganisations(knex: Knex, key: string, limit: number): Promise<Suggestion[]> {
  // Keys hold only [a-z0-9 ] (search-key.ts), so "~" sorts after every key that begins with this one. A name
  // can begin with the key at several of its words: take a few more rows than needed, in index order.
  const ids = knex('organisation_name_keys')
    .whereRaw('key collate "C" >= ? and key collate "C" < ?', [key, `${key}~`])
    .orderByRaw('key collate "C"')
    .limit(limit * 3)
    .select('organisation_id');
  const rows: { registration_number: string; name_ky: string; name_ru: string; name_en: string | null; inn: string }[] = await knex('organisations')
    .whereIn('id', ids)
    .where('status', 'registered')
    .orderBy('name_ru')
    .limit(limit)
    .select('registration_number', 'name_ky', 'name_ru', 'name_en', 'inn');
  return rows.map((row) => ({ registrationNumber: row.registration_number, nameKy: row.name_ky, nameRu: row.name_ru, nameEn: row.name_en, inn: row.inn }));
}
