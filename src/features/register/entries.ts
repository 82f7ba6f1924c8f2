/**
 * Changing the register: a new entry, a change to one, an organisation that ceased. Each change is made in the
 * caller's transaction with the entry as it was kept in register_changes (the history staff see) and an event on
 * the audit chain (ids and codes only: the entry itself is public, the history holds its content).
 */
import type { Knex } from 'knex';
import { record } from '../audit/service.ts';
import { insertChange, insertEntry, nextRegistrationNumber, setStatus, updateEntry } from './entries-repository.ts';
import { findEntryById } from './repository.ts';
import { searchKey } from './search-key.ts';
import type { EntryInput, OrganisationEntry } from './types.ts';

/** Who made a change: a member of staff, or a process acting on its own (an import, a demo seed). */
export type RegisterActor = { staffId: string; requestId?: string | null } | { source: string };

/** Every name of the organisation in one folded spelling, for the search index. */
export function searchTextOf(entry: Pick<EntryInput, 'nameKy' | 'nameRu' | 'nameEn'>): string {
  return [...new Set([entry.nameKy, entry.nameRu, entry.nameEn].filter((name): name is string => Boolean(name)).map(searchKey))].join(' | ');
}

/** `2026-00017`: the year of registration and the register's running number. */
export function formatRegistrationNumber(year: string, sequence: number): string {
  return `${year}-${String(sequence).padStart(5, '0')}`;
}

async function remember(trx: Knex.Transaction, organisationId: number, action: string, actor: RegisterActor, before: OrganisationEntry | null): Promise<void> {
  const staffId = 'staffId' in actor ? actor.staffId : null;
  const source = 'source' in actor ? actor.source : null;
  await insertChange(trx, { organisationId, action, staffId, source, before });
  await record(trx, {
    actorType: staffId ? 'staff' : 'system',
    actorId: staffId,
    action: `register.${action}`,
    entityType: 'organisation',
    entityId: organisationId,
    requestId: 'requestId' in actor ? actor.requestId : null,
    details: source ? { source } : {},
  });
}

/**
 * A new entry, published at once. The number is given by an import of the official register (which has its
 * own); otherwise the register assigns the next one.
 */
export async function addEntry(
  trx: Knex.Transaction,
  entry: EntryInput,
  registration: { on: string; number?: string },
  actor: RegisterActor,
): Promise<{ id: number; registrationNumber: string }> {
  const number = registration.number ?? formatRegistrationNumber(registration.on.slice(0, 4), await nextRegistrationNumber(trx));
  const id = await insertEntry(trx, entry, { number, on: registration.on, searchText: searchTextOf(entry) });
  await remember(trx, id, 'registered', actor, null);
  return { id, registrationNumber: number };
}

/** An entry's details and arrays replaced; the entry as it was goes into its history. */
export async function amendEntry(trx: Knex.Transaction, id: number, entry: EntryInput, actor: RegisterActor): Promise<void> {
  const before = await findEntryById(trx, id, { forUpdate: true });
  if (!before) throw new Error(`no organisation ${String(id)}`);
  await updateEntry(trx, id, entry, searchTextOf(entry));
  await remember(trx, id, 'amended', actor, before);
}

/** The organisation stopped processing personal data (its entry stays, marked), or started again (on = null). */
export async function markCeased(trx: Knex.Transaction, id: number, on: string | null, actor: RegisterActor): Promise<void> {
  const before = await findEntryById(trx, id, { forUpdate: true });
  if (!before) throw new Error(`no organisation ${String(id)}`);
  await setStatus(trx, id, on ? 'ceased' : 'registered', on);
  await remember(trx, id, on ? 'ceased' : 'reinstated', actor, before);
}

/**
 * A duplicate merged into the entry that stays: the duplicate's arrays of other names join the entry, and the
 * duplicate is marked ceased today (kept, with its history, so its number still leads somewhere).
 */
export async function mergeEntries(trx: Knex.Transaction, keptId: number, duplicateId: number, on: string, actor: RegisterActor): Promise<void> {
  const kept = await findEntryById(trx, keptId, { forUpdate: true });
  const duplicate = await findEntryById(trx, duplicateId, { forUpdate: true });
  if (!kept || !duplicate) throw new Error('no such organisation');
  const names = new Set(kept.arrays.map((array) => array.name.toLowerCase()));
  const details = entryInputOf(kept);
  const arrays = [...kept.arrays, ...duplicate.arrays.filter((array) => !names.has(array.name.toLowerCase()))];
  await updateEntry(trx, keptId, { ...details, arrays }, searchTextOf(details));
  await remember(trx, keptId, 'amended', actor, kept);
  await setStatus(trx, duplicateId, 'ceased', on);
  await remember(trx, duplicateId, 'merged', actor, duplicate);
}

/** What describes an entry, without what registration gave it (number, dates, status). */
export function entryInputOf(entry: OrganisationEntry): EntryInput {
  const { inn, nameKy, nameRu, nameEn, sector, region, address, responsiblePerson, contactEmail, contactPhone, contactAddress, arrays } = entry;
  return { inn, nameKy, nameRu, nameEn, sector, region, address, responsiblePerson, contactEmail, contactPhone, contactAddress, arrays };
}
