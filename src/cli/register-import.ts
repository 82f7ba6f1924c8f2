/**
 * `npm run register:import -- export.csv [--columns seeds/register-import/official-columns.json] [--dry-run]`:
 * loads a CSV export of the official register (see seeds/register-import/README.md). Every row is checked
 * first and each problem printed with its line; nothing is written unless the whole file is good. Shows progress.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { migrateLatest } from '../db/migrations.ts';
import { columnMapping } from '../features/register/import-rows.ts';
import { importRegister } from '../features/register/import.ts';
import { runWithDatabase } from './run-with-database.ts';

const { values, positionals } = parseArgs({
  options: { columns: { type: 'string', default: 'seeds/register-import/official-columns.json' }, 'dry-run': { type: 'boolean', default: false } },
  allowPositionals: true,
  strict: true,
});
const [file] = positionals;
if (!file || positionals.length > 1) {
  process.stderr.write('Usage: npm run register:import -- export.csv [--columns mapping.json] [--dry-run]\n');
  process.exit(1);
}
const mapping = columnMapping.safeParse(JSON.parse(await readFile(values.columns, 'utf8')));
if (!mapping.success) {
  process.stderr.write(`The column mapping ${values.columns} is not valid: ${mapping.error.message}\n`);
  process.exit(1);
}
const csv = await readFile(file, 'utf8');

await runWithDatabase(async ({ knex, print }) => {
  await migrateLatest(knex);
  let shown = -1;
  const outcome = await importRegister(knex, csv, mapping.data, {
    dryRun: values['dry-run'],
    onProgress: (done, total) => {
      const percent = Math.floor((done / total) * 100);
      if (percent === shown) return;
      shown = percent;
      const line = `  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} organisations (${String(percent)}%)`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}${done >= total ? '\n' : ''}`);
      else print(line);
    },
  });
  if (!outcome.ok) {
    for (const problem of outcome.problems) print(`${file}:${String(problem.line)}: ${problem.message}`);
    print(`Nothing imported: ${String(outcome.problems.length)} problem(s).`);
    return 1;
  }
  const verb = outcome.dryRun ? 'Would add' : 'Added';
  print(`${verb} ${String(outcome.added)}, amended ${String(outcome.amended)}, left ${String(outcome.unchanged)} unchanged.`);
  return 0;
});
