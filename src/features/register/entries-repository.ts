/** Writing the register: new entries, changes to them, and the history of every change. */
import type { Knex } from 'knex';
import type { DataArray, EntryInput, OrganisationEntry } from './types.ts';

export async function nextRegistrationNumber(trx: Knex.Transaction): Promise<number> {
  const result = await trx.raw<{ rows: { value: string }[] }>("select nextval('register_number_seq') as value");
  return Number(result.rows[0]?.value);
}

function holderColumns(entry: EntryInput, searchText: string) {
  return {
    inn: entry.inn,
    name_ky: entry.nameKy,
    name_ru: entry.nameRu,
    name_en: entry.nameEn,
    search_text: searchText,
    sector: entry.sector,
    region: entry.region,
    address: entry.address,
    responsible_person: entry.responsiblePerson,
    contact_email: entry.contactEmail,
    contact_phone: entry.contactPhone,
    contact_address: entry.contactAddress,
  };
}

function arrayColumns(organisationId: number, position: number, array: DataArray) {
  return {
    organisation_id: organisationId,
    position,
    name: array.name,
    purposes: array.purposes,
    methods: array.methods,
    legal_basis: array.legalBasis,
    data_categories: array.dataCategories,
    subject_categories: array.subjectCategories,
    sources: array.sources,
    subjects_informed: array.subjectsInformed,
    retention: array.retention,
    recipients: array.recipients,
    transfer_countries: array.transferCountries,
    security_measures: array.securityMeasures,
  };
}

async function writeArrays(trx: Knex.Transaction, organisationId: number, arrays: DataArray[]): Promise<void> {
  await trx('register_arrays').where('organisation_id', organisationId).delete();
  if (arrays.length === 0) return;
  await trx('register_arrays').insert(arrays.map((array, position) => arrayColumns(organisationId, position, array)));
}

export async function insertEntry(trx: Knex.Transaction, entry: EntryInput, registration: { number: string; on: string; searchText: string }): Promise<number> {
  const [row] = await trx('organisations')
    .insert({ ...holderColumns(entry, registration.searchText), registration_number: registration.number, registered_on: registration.on })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('organisation not created');
  await writeArrays(trx, row.id, entry.arrays);
  return row.id;
}

export async function insertChange(
  trx: Knex.Transaction,
  change: { organisationId: number; action: string; staffId: string | null; source: string | null; before: OrganisationEntry | null },
): Promise<void> {
  await trx('register_changes').insert({
    organisation_id: change.organisationId,
    action: change.action,
    staff_id: change.staffId,
    source: change.source,
    before: change.before ? JSON.stringify(change.before) : null,
  });
}

export async function updateEntry(trx: Knex.Transaction, id: number, entry: EntryInput, searchText: string): Promise<void> {
  await trx('organisations')
    .where('id', id)
    .update({ ...holderColumns(entry, searchText), updated_at: trx.fn.now() });
  await writeArrays(trx, id, entry.arrays);
}

/** New numbers come after every number given (an import of numbers the register did not assign). */
export async function advanceNumbersPast(trx: Knex.Transaction, numbers: readonly string[]): Promise<void> {
  const highest = Math.max(0, ...numbers.map((number) => Number(number.split('-')[1] ?? 0)));
  if (highest > 0) await trx.raw(`select setval('register_number_seq', greatest(?, (select last_value from register_number_seq)))`, [highest]);
}

export async function setStatus(trx: Knex.Transaction, id: number, status: 'registered' | 'ceased', ceasedOn: string | null): Promise<void> {
  await trx('organisations').where('id', id).update({ status, ceased_on: ceasedOn, updated_at: trx.fn.now() });
}

/** `count` consecutive numbers of the register's sequence, the first of them returned (volume seeding). */
export async function reserveNumbers(trx: Knex.Transaction, count: number): Promise<number> {
  const result = await trx.raw<{ rows: { last: string }[] }>(`select setval('register_number_seq', nextval('register_number_seq') + ? - 1) as last`, [count]);
  return Number(result.rows[0]?.last) - count + 1;
}

/** Many entries at once, arrays included, with no history (volume seeding: nobody made these changes). */
export async function insertVolumeBatch(trx: Knex.Transaction, rows: { entry: EntryInput; number: string; searchText: string }[]): Promise<void> {
  const ids = await trx('organisations')
    .insert(
      rows.map(({ entry, number, searchText }) => ({
        ...holderColumns(entry, searchText),
        registration_number: number,
        registered_on: trx.raw('current_date'),
      })),
    )
    .onConflict('inn')
    .ignore()
    .returning<{ id: number; inn: string }[]>(['id', 'inn']);
  const byInn = new Map(rows.map((row) => [row.entry.inn, row.entry]));
  const arrays = ids.flatMap(({ id, inn }) => (byInn.get(inn)?.arrays ?? []).map((array, position) => arrayColumns(id, position, array)));
  for (let start = 0; start < arrays.length; start += 2000) await trx('register_arrays').insert(arrays.slice(start, start + 2000));
}
