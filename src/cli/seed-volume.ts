/**
 * `npm run seed:volume -- --cases 1000000`: fills the database with realistic cases so the staff queue can
 * be measured at scale (see bench/). Shows progress; safe to run again (it adds more).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrateLatest } from '../db/migrations.ts';
import { seedVolume } from '../features/casework/volume.ts';
import { runWithDatabase } from './run-with-database.ts';

const argsSchema = z.object({
  cases: z.coerce.number().int().min(1).max(20_000_000).default(1_000_000),
  officers: z.coerce.number().int().min(1).max(500).default(40),
});

const { values } = parseArgs({ options: { cases: { type: 'string' }, officers: { type: 'string' } }, strict: true });
const parsedArgs = argsSchema.safeParse(values);
if (!parsedArgs.success) {
  process.stderr.write('Usage: npm run seed:volume -- --cases 1000000 [--officers 40]\n');
  process.exit(1);
}
const { cases, officers } = parsedArgs.data;

await runWithDatabase(async ({ knex, print }) => {
  await migrateLatest(knex);
  const started = Date.now();
  let lastPercent = -1;
  print(`Adding ${cases.toLocaleString('en')} cases over three years, assigned among ${String(officers)} officers…`);
  await seedVolume(knex, cases, {
    officers,
    onProgress: (inserted) => {
      const percent = Math.floor((inserted / cases) * 100);
      const rate = Math.round(inserted / Math.max(0.001, (Date.now() - started) / 1000));
      const line = `  ${inserted.toLocaleString('en')} / ${cases.toLocaleString('en')} cases (${String(percent)}%), ${rate.toLocaleString('en')}/s`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}${inserted >= cases ? '\n' : ''}`);
      else if (percent !== lastPercent) print(line);
      lastPercent = percent;
    },
  });
  print(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
});
