/**
 * The register as staff manage it: an entry with its history, changing it (with the entry as it was kept and
 * an audit event), and marking an organisation ceased or active again.
 */
import type { Knex } from 'knex';
import { bishkekToday } from '../../lib/dates.ts';
import { casesAboutOrganisation, relinkOrganisationCases } from '../cases/service.ts';
import { amendEntry, markCeased, mergeEntries, type RegisterActor } from './entries.ts';
import { changesOf, findEntryById, findEntryByInn, findEntryByNumber, type ChangeRow } from './repository.ts';
import type { EntryInput, OrganisationEntry } from './types.ts';

export type { ChangeRow };

export type OrganisationCase = Awaited<ReturnType<typeof casesAboutOrganisation>>[number];

/** An entry, its history, and the newest cases about the organisation (complaints, reports, breaches). */
export async function entryWithHistory(
  knex: Knex,
  id: number,
): Promise<{ entry: OrganisationEntry; history: ChangeRow[]; cases: OrganisationCase[] } | undefined> {
  const entry = await findEntryById(knex, id);
  if (!entry) return undefined;
  const [history, cases] = await Promise.all([changesOf(knex, id), casesAboutOrganisation(knex, id)]);
  return { entry, history, cases };
}

export async function entryById(knex: Knex, id: number): Promise<OrganisationEntry | undefined> {
  return findEntryById(knex, id);
}

/** Saves a changed entry; refused when its new ИНН belongs to another entry. */
export async function changeEntry(knex: Knex, id: number, entry: EntryInput, actor: RegisterActor): Promise<'saved' | 'innTaken'> {
  return knex.transaction(async (trx) => {
    const holder = await findEntryByInn(trx, entry.inn);
    if (holder && holder.id !== id) return 'innTaken';
    await amendEntry(trx, id, entry, actor);
    return 'saved';
  });
}

/** The organisation ceased on a day, or (null) is active again. */
export async function setCeased(knex: Knex, id: number, on: string | null, actor: RegisterActor): Promise<void> {
  await knex.transaction((trx) => markCeased(trx, id, on, actor));
}

export type MergeOutcome = 'merged' | 'notFound' | 'same' | 'ceased';

/**
 * A duplicate entry (by its registration number) merged into this one: its arrays of other names and its cases
 * move here, and it is marked ceased. Refused for an unknown number, this entry itself, or a ceased entry.
 */
export async function mergeDuplicate(knex: Knex, keptId: number, duplicateNumber: string, actor: RegisterActor): Promise<MergeOutcome> {
  return knex.transaction(async (trx) => {
    const duplicate = await findEntryByNumber(trx, duplicateNumber);
    if (!duplicate) return 'notFound';
    if (duplicate.id === keptId) return 'same';
    if (duplicate.status === 'ceased') return 'ceased';
    await mergeEntries(trx, keptId, duplicate.id, bishkekToday(), actor);
    await relinkOrganisationCases(trx, duplicate.id, keptId);
    return 'merged';
  });
}
