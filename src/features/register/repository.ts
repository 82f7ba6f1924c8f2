/** Reading the register: search, one entry, and every entry in order (open data). */
import type { Knex } from 'knex';
import type { Region, Sector } from './reference-data.ts';
import type { DataArray, Organisation, OrganisationEntry } from './types.ts';

export interface OrganisationRow {
  id: number;
  registration_number: string;
  registered_on: string;
  inn: string;
  name_ky: string;
  name_ru: string;
  name_en: string | null;
  sector: Sector;
  region: Region;
  address: string;
  responsible_person: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_address: string | null;
  status: 'registered' | 'ceased';
  ceased_on: string | null;
  updated_at: Date;
}

interface ArrayRow {
  organisation_id: number;
  name: string;
  purposes: string;
  methods: string;
  legal_basis: string;
  data_categories: string;
  subject_categories: string;
  sources: string;
  subjects_informed: string;
  retention: string;
  recipients: string;
  transfer_countries: string[];
  security_measures: string;
}

export const ORGANISATION_COLUMNS = [
  'id',
  'registration_number',
  "to_char(registered_on, 'YYYY-MM-DD') as registered_on",
  'inn',
  'name_ky',
  'name_ru',
  'name_en',
  'sector',
  'region',
  'address',
  'responsible_person',
  'contact_email',
  'contact_phone',
  'contact_address',
  'status',
  "to_char(ceased_on, 'YYYY-MM-DD') as ceased_on",
  'updated_at',
].join(', ');

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    registeredOn: row.registered_on,
    inn: row.inn,
    nameKy: row.name_ky,
    nameRu: row.name_ru,
    nameEn: row.name_en,
    sector: row.sector,
    region: row.region,
    address: row.address,
    responsiblePerson: row.responsible_person,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    contactAddress: row.contact_address,
    status: row.status,
    ceasedOn: row.ceased_on,
    updatedAt: row.updated_at,
  };
}

function toArray(row: ArrayRow): DataArray {
  return {
    name: row.name,
    purposes: row.purposes,
    methods: row.methods,
    legalBasis: row.legal_basis,
    dataCategories: row.data_categories,
    subjectCategories: row.subject_categories,
    sources: row.sources,
    subjectsInformed: row.subjects_informed,
    retention: row.retention,
    recipients: row.recipients,
    transferCountries: row.transfer_countries,
    securityMeasures: row.security_measures,
  };
}

async function arraysOf(knex: Knex | Knex.Transaction, ids: number[]): Promise<Map<number, DataArray[]>> {
  const rows = ids.length ? await knex<ArrayRow>('register_arrays').whereIn('organisation_id', ids).orderBy(['organisation_id', 'position']) : [];
  const byOrganisation = new Map<number, DataArray[]>();
  for (const row of rows) {
    const list = byOrganisation.get(row.organisation_id) ?? [];
    list.push(toArray(row));
    byOrganisation.set(row.organisation_id, list);
  }
  return byOrganisation;
}

async function entriesWhere(knex: Knex | Knex.Transaction, where: (query: Knex.QueryBuilder) => void): Promise<OrganisationEntry[]> {
  const query = knex('organisations').select(knex.raw(ORGANISATION_COLUMNS));
  where(query);
  const rows = (await query) as OrganisationRow[];
  const arrays = await arraysOf(
    knex,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...toOrganisation(row), arrays: arrays.get(row.id) ?? [] }));
}

export async function findEntryByNumber(knex: Knex | Knex.Transaction, registrationNumber: string): Promise<OrganisationEntry | undefined> {
  return (await entriesWhere(knex, (query) => void query.where('registration_number', registrationNumber)))[0];
}

export async function findEntryByInn(knex: Knex | Knex.Transaction, inn: string): Promise<OrganisationEntry | undefined> {
  return (await entriesWhere(knex, (query) => void query.where('inn', inn)))[0];
}

/** Entries in registration order, `size` at a time after the id `after` (open data, exports). */
export async function entriesAfter(knex: Knex, after: number, size: number): Promise<OrganisationEntry[]> {
  return entriesWhere(knex, (query) => void query.where('id', '>', after).orderBy('id').limit(size));
}

export async function findEntryById(knex: Knex | Knex.Transaction, id: number, options: { forUpdate?: boolean } = {}): Promise<OrganisationEntry | undefined> {
  return (await entriesWhere(knex, (query) => void (options.forUpdate ? query.where('id', id).forUpdate() : query.where('id', id))))[0];
}

/** Whether an entry with this ИНН has an array of this name (names compared without regard to case). */
export async function hasArray(knex: Knex, inn: string, arrayName: string): Promise<boolean> {
  const row: { id: number } | undefined = await knex('register_arrays')
    .join('organisations', 'organisations.id', 'register_arrays.organisation_id')
    .where('organisations.inn', inn)
    .whereRaw('lower(register_arrays.name) = lower(?)', [arrayName.trim()])
    .first('register_arrays.id');
  return row !== undefined;
}

export interface ChangeRow {
  at: Date;
  action: string;
  staffName: string | null;
  source: string | null;
  before: OrganisationEntry | null;
}

/** An entry's history, oldest first, with the name of the member of staff who made each change. */
export async function changesOf(knex: Knex, organisationId: number): Promise<ChangeRow[]> {
  const rows: { at: Date; action: string; display_name: string | null; source: string | null; before: OrganisationEntry | null }[] = await knex(
    'register_changes',
  )
    .leftJoin('staff_users', 'staff_users.id', 'register_changes.staff_id')
    .where('register_changes.organisation_id', organisationId)
    .orderBy('register_changes.id')
    .select('register_changes.at', 'register_changes.action', 'staff_users.display_name', 'register_changes.source', 'register_changes.before');
  return rows.map((row) => ({ at: row.at, action: row.action, staffName: row.display_name, source: row.source, before: row.before }));
}

/** The entry with this ИНН, or else the one entry one of whose names folds to this key (none when several do). */
export async function matchOrganisation(knex: Knex, match: { inn: string | null; key: string }): Promise<number | undefined> {
  if (match.inn) {
    const byInn: { id: number } | undefined = await knex('organisations').where('inn', match.inn).first('id');
    if (byInn) return byInn.id;
  }
  if (!match.key) return undefined;
  // search_text is the names' keys joined by " | ": the key must be one of them, whole.
  const rows: { id: number }[] = await knex('organisations')
    .where('search_text', 'like', `%${match.key}%`)
    .whereRaw("(' | ' || search_text || ' | ') like ?", [`% | ${match.key} | %`])
    .limit(2)
    .select('id');
  return rows.length === 1 ? rows[0]?.id : undefined;
}
