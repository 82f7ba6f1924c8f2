/**
 * The register's rules for readers: searching it in any script or by ИНН, one entry, the whole register for open
 * data, and what the letter and complaint forms need to know about an organisation; and publishing an approved
 * application.
 */
import type { Knex } from 'knex';
import type { Language } from '../../config.ts';
import { innQuery } from './inn.ts';
import { addEntry, amendEntry, markCeased, type RegisterActor } from './entries.ts';
import { entriesAfter, findEntryById, findEntryByInn, findEntryByNumber, hasArray, matchOrganisation } from './repository.ts';
import { COUNT_CAP, searchBySimilarity, searchByWords } from './search-repository.ts';
import type { SuggestionCache } from './caches.ts';
import { suggestOrganisations, type Suggestion } from './suggest-repository.ts';
import { MAX_PAGE, MAX_REGISTER_QUERY, organisationQuery, suggestQuery, type RegisterQuery } from './schemas.ts';
import { prefixKeys, searchKey } from './search-key.ts';
import type { EntryInput, Organisation, OrganisationEntry } from './types.ts';

const PAGE_SIZE = 20;

export type RegisterSearch =
  { kind: 'tooLong'; max: number } | { kind: 'results'; total: number; capped: boolean; organisations: Organisation[]; page: number; pageCount: number };

/**
 * One page of the register for a query: an ИНН (whole or its first digits) or a name in any script — every word
 * of it found in the names, or, when no name has them all, the names most like it (a misspelling).
 */
export async function searchRegister(knex: Knex, query: RegisterQuery, lang: Language): Promise<RegisterSearch> {
  if (query.q.length > MAX_REGISTER_QUERY) return { kind: 'tooLong', max: MAX_REGISTER_QUERY };
  const inn = innQuery(query.q);
  const key = inn ? undefined : searchKey(query.q) || undefined;
  const filter = { key, inn, sector: query.sector, region: query.region };
  const page = { lang, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE };
  let found = await searchByWords(knex, filter, page);
  if (found.total === 0 && key && key.length >= 3) found = await searchBySimilarity(knex, filter, page);
  // Past the cap the count is "more than": a full page always has a next one (up to the last page allowed).
  const capped = found.total > COUNT_CAP;
  const counted = Math.max(1, Math.ceil(Math.min(found.total, COUNT_CAP) / PAGE_SIZE));
  const pageCount = capped ? Math.max(counted, found.organisations.length === PAGE_SIZE ? query.page + 1 : query.page) : counted;
  return { kind: 'results', ...found, capped, page: query.page, pageCount: Math.min(pageCount, MAX_PAGE) };
}

/** The entry a case names (cases keep the organisation's id). */
export async function entryById(knex: Knex, id: number): Promise<OrganisationEntry | undefined> {
  return findEntryById(knex, id);
}

/**
 * An amendment its holder applied for, approved: the entry's details and arrays become the application's (an
 * array left out of it is no longer registered). Returns the entry's id and number, as a first registration does.
 */
export async function amendRegistration(
  trx: Knex.Transaction,
  id: number,
  entry: EntryInput,
  actor: RegisterActor,
): Promise<{ id: number; registrationNumber: string }> {
  const existing = await findEntryById(trx, id, { forUpdate: true });
  if (!existing) throw new Error(`no organisation ${String(id)}`);
  await amendEntry(trx, id, { ...entry, inn: existing.inn }, actor);
  return { id, registrationNumber: existing.registrationNumber };
}

/**
 * A holder's request to remove their entry, approved: the organisation is marked ceased on the day it stopped
 * processing (as staff mark it from the register's pages); the entry stays, marked, with its history.
 */
export async function ceaseRegistration(
  trx: Knex.Transaction,
  id: number,
  on: string,
  actor: RegisterActor,
): Promise<{ id: number; registrationNumber: string }> {
  const existing = await findEntryById(trx, id);
  if (!existing) throw new Error(`no organisation ${String(id)}`);
  await markCeased(trx, id, on, actor);
  return { id, registrationNumber: existing.registrationNumber };
}

export async function entryByNumber(knex: Knex, registrationNumber: string): Promise<OrganisationEntry | undefined> {
  return findEntryByNumber(knex, registrationNumber);
}

/** Every entry in registration order, a batch at a time (the open-data files are streamed, never held whole). */
export async function* allEntries(knex: Knex, batchSize = 500): AsyncGenerator<OrganisationEntry[]> {
  let after = 0;
  for (;;) {
    const batch = await entriesAfter(knex, after, batchSize);
    if (batch.length === 0) return;
    yield batch;
    after = batch.at(-1)?.id ?? after;
  }
}

/** The organisation's name in a language: English falls back to Russian when no English name was given. */
export function organisationName(organisation: Pick<Organisation, 'nameKy' | 'nameRu' | 'nameEn'>, lang: Language): string {
  if (lang === 'ky') return organisation.nameKy;
  if (lang === 'en') return organisation.nameEn ?? organisation.nameRu;
  return organisation.nameRu;
}

export interface NamedOrganisation {
  registrationNumber: string;
  name: string;
  sector: Organisation['sector'];
  /** Where requests about personal data go: the data-protection contact address, or the organisation's own. */
  address: string;
}

/**
 * The organisation a form link or a form names (`?organisation=2026-00017`), in the page language; nothing when
 * the parameter is missing, malformed or names no entry.
 */
export async function organisationFromQuery(knex: Knex, query: unknown, lang: Language): Promise<NamedOrganisation | undefined> {
  const { organisation } = organisationQuery.parse(query);
  const entry = organisation ? await findEntryByNumber(knex, organisation) : undefined;
  if (!entry) return undefined;
  return {
    registrationNumber: entry.registrationNumber,
    name: organisationName(entry, lang),
    sector: entry.sector,
    address: entry.contactAddress ?? entry.address,
  };
}

/** Whether the register already holds an array of this name for this ИНН (a second registration of it is refused). */
export function arrayRegistered(knex: Knex, inn: string, arrayName: string): Promise<boolean> {
  return hasArray(knex, inn, arrayName);
}

/**
 * An approved application published: a new entry with the next number, or — when the ИНН is already in the
 * register — that entry with the application's details and its arrays added (an array of the same name replaced).
 * Returns the entry's id and registration number.
 */
export async function publishRegistration(
  trx: Knex.Transaction,
  entry: EntryInput,
  actor: RegisterActor,
  today: string,
): Promise<{ id: number; registrationNumber: string }> {
  const existing = await findEntryByInn(trx, entry.inn);
  if (!existing) return addEntry(trx, entry, { on: today }, actor);
  const replaced = new Set(entry.arrays.map((array) => array.name.toLowerCase()));
  const arrays = [...existing.arrays.filter((array) => !replaced.has(array.name.toLowerCase())), ...entry.arrays];
  await amendEntry(trx, existing.id, { ...entry, arrays }, actor);
  return { id: existing.id, registrationNumber: existing.registrationNumber };
}

/**
 * The register's entry for the organisation a case names: by its ИНН when given, or by a name that is one of the
 * entry's names in any script (folded, legal form ignored). Nothing when the register does not hold it, or when
 * the name fits several entries.
 */
export async function registeredOrganisationId(knex: Knex, named: { inn: string | null; name: string }): Promise<number | undefined> {
  return matchOrganisation(knex, { inn: named.inn, key: searchKey(named.name) });
}

/** A register entry offered by the organisation picker: its number, its name in the page language, its ИНН. */
export interface OrganisationChoice {
  registrationNumber: string;
  name: string;
  inn: string;
}

/**
 * The organisation picker's suggestions for what has been typed (`?q=`): up to `limit` registered entries one of
 * whose names, in any script, begins with it or has a word that does. Too little typed gets nothing.
 */
export async function suggestOrganisationsFor(
  deps: { knex: Knex; cache: SuggestionCache },
  query: unknown,
  lang: Language,
  limit = 8,
): Promise<OrganisationChoice[]> {
  const parsed = suggestQuery.safeParse(query);
  const keys = parsed.success ? prefixKeys(parsed.data.q, 2) : [];
  // The same for every reader and language until the register changes: kept by key (caches.ts).
  const found = await Promise.all(keys.map((key) => deps.cache.get(`${String(limit)}:${key}`, () => suggestOrganisations(deps.knex, key, limit))));
  return firstByName(found, limit).map((entry) => ({ registrationNumber: entry.registrationNumber, name: organisationName(entry, lang), inn: entry.inn }));
}

const byRussianName = new Intl.Collator('ru');

/** The suggestions for several keys as one list: each entry once, in the order of the Russian names, as each list is. */
function firstByName(lists: Suggestion[][], limit: number): Suggestion[] {
  if (lists.length <= 1) return lists[0] ?? [];
  const entries = new Map(lists.flat().map((entry) => [entry.registrationNumber, entry]));
  return [...entries.values()].sort((a, b) => byRussianName.compare(a.nameRu, b.nameRu)).slice(0, limit);
}

/** The entry a picker's choice names (its registration number), when it is registered; nothing otherwise. */
export async function organisationChoice(knex: Knex, registrationNumber: string, lang: Language): Promise<(OrganisationChoice & { id: number }) | undefined> {
  const entry = organisationQuery.parse({ organisation: registrationNumber }).organisation ? await findEntryByNumber(knex, registrationNumber) : undefined;
  if (!entry || entry.status !== 'registered') return undefined;
  return { id: entry.id, registrationNumber: entry.registrationNumber, name: organisationName(entry, lang), inn: entry.inn };
}

/** The entry with this id, as the picker names it, when it is registered. */
export async function organisationById(knex: Knex, id: number, lang: Language): Promise<OrganisationChoice | undefined> {
  const entry = await findEntryById(knex, id);
  if (!entry || entry.status !== 'registered') return undefined;
  return { registrationNumber: entry.registrationNumber, name: organisationName(entry, lang), inn: entry.inn };
}

/** The registered entries a name typed in a form may mean (the picker's results step): the search's first few. */
export async function organisationCandidates(knex: Knex, name: string, lang: Language, limit = 8): Promise<OrganisationChoice[]> {
  const outcome = await searchRegister(knex, { q: name.slice(0, MAX_REGISTER_QUERY), page: 1 }, lang);
  if (outcome.kind !== 'results') return [];
  return outcome.organisations
    .filter((entry) => entry.status === 'registered')
    .slice(0, limit)
    .map((entry) => ({ registrationNumber: entry.registrationNumber, name: organisationName(entry, lang), inn: entry.inn }));
}
