import type { Knex } from 'knex';

/**
 * The register at scale: the typeahead looks names up by their beginning, or the beginning of any later word
 * of them (`organisation_name_keys`, one row per name and word, kept by a trigger from `search_text`, served by a
 * C-collated B-tree so a prefix is a range); and the public search's filters each have an index in the reading
 * order of every language (sector or region, then the name).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisation_name_keys', (table) => {
    table.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    table.text('key').notNullable();
  });
  await knex.raw('create index organisation_name_keys_key on organisation_name_keys (key collate "C", organisation_id)');
  await knex.raw('create index organisation_name_keys_organisation on organisation_name_keys (organisation_id)');
  // search_text is the names' keys joined by " | " (features/register/search-key.ts); each key is [a-z0-9 ].
  await knex.raw(`
    create function organisation_name_keys_of(id integer, search_text text) returns void language sql as $$
      insert into organisation_name_keys (organisation_id, key)
      select distinct id, array_to_string(words[i:], ' ')
        from (select regexp_split_to_array(trim(name), ' +') as words
                from unnest(string_to_array(search_text, ' | ')) as name
               where trim(name) <> '') as names,
             generate_subscripts(words, 1) as i
    $$`);
  await knex.raw(`
    create function organisation_name_keys_sync() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if new.search_text is not distinct from old.search_text then return new; end if;
        delete from organisation_name_keys where organisation_id = new.id;
      end if;
      perform organisation_name_keys_of(new.id, new.search_text);
      return new;
    end $$`);
  await knex.raw(`create trigger organisations_name_keys after insert or update of search_text on organisations
    for each row execute function organisation_name_keys_sync()`);
  await knex.raw('select organisation_name_keys_of(id, search_text) from organisations');
  for (const column of ['sector', 'region']) {
    await knex.raw(`create index organisations_${column}_name_ky on organisations (${column}, name_ky, id)`);
    await knex.raw(`create index organisations_${column}_name_ru on organisations (${column}, name_ru, id)`);
    await knex.raw(`create index organisations_${column}_name_en on organisations (${column}, coalesce(name_en, name_ru), id)`);
  }
  await knex.raw('create index organisations_name_en on organisations (coalesce(name_en, name_ru), id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index organisations_name_en');
  for (const column of ['sector', 'region']) {
    for (const lang of ['ky', 'ru', 'en']) await knex.raw(`drop index organisations_${column}_name_${lang}`);
  }
  await knex.raw('drop trigger organisations_name_keys on organisations');
  await knex.raw('drop function organisation_name_keys_sync()');
  await knex.raw('drop function organisation_name_keys_of(integer, text)');
  await knex.schema.dropTable('organisation_name_keys');
}
