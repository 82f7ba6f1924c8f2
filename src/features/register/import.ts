/**
 * `npm run register:import`: the official register's export written into the portal's register in one
 * transaction, all or nothing, after every row was checked (import-rows.ts). Idempotent: an entry the register
 * already holds as the file says is left alone, one that differs is amended, a new one is added with its number.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { parseCsv } from './csv.ts';
import { addEntry, amendEntry, entryInputOf } from './entries.ts';
import { advanceNumbersPast } from './entries-repository.ts';
import { readImport, type ColumnMapping, type RowProblem } from './import-rows.ts';
import { findEntryByInn, findEntryByNumber } from './repository.ts';

export type ImportOutcome = { ok: false; problems: RowProblem[] } | { ok: true; added: number; amended: number; unchanged: number; dryRun: boolean };

const SOURCE = { source: 'import' };
const UNDO = new Error('undo the import');

export async function importRegister(
  knex: Knex,
  csv: string,
  mapping: ColumnMapping,
  options: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportOutcome> {
  const { entries, problems } = readImport(parseCsv(csv, mapping.delimiter), mapping);
  if (problems.length) return { ok: false, problems };
  const counts = { added: 0, amended: 0, unchanged: 0 };
  const conflicts: RowProblem[] = [];
  await knex
    .transaction(async (trx) => {
      for (const [done, imported] of entries.entries()) {
        const existing = await findEntryByNumber(trx, imported.registrationNumber);
        const holder = await findEntryByInn(trx, imported.entry.inn);
        if (holder && holder.registrationNumber !== imported.registrationNumber) {
          conflicts.push({ line: imported.line, message: `INN ${imported.entry.inn} is already registered under ${holder.registrationNumber}` });
        } else if (!existing) {
          if (!options.dryRun) await addEntry(trx, imported.entry, { on: imported.registeredOn, number: imported.registrationNumber }, SOURCE);
          counts.added++;
        } else if (isDeepStrictEqual(entryInputOf(existing), imported.entry)) counts.unchanged++;
        else {
          if (!options.dryRun) await amendEntry(trx, existing.id, imported.entry, SOURCE);
          counts.amended++;
        }
        options.onProgress?.(done + 1, entries.length);
      }
      // Nothing half-imported: a conflict found on the way, or a dry run, undoes everything done so far.
      if (conflicts.length || options.dryRun) throw UNDO;
      await advanceNumbersPast(
        trx,
        entries.map((imported) => imported.registrationNumber),
      );
    })
    .catch((error: unknown) => {
      if (error !== UNDO) throw error;
    });
  return conflicts.length ? { ok: false, problems: conflicts } : { ok: true, ...counts, dryRun: Boolean(options.dryRun) };
}
