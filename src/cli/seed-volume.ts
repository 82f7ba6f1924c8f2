/**
 * `npm run seed:volume -- --cases 1000000`: fills the database with realistic cases so the staff queue can
 * be measured at scale (see bench/); `-- --organisations 50000` fills the register (alone, unless --cases is
 * given too). Shows progress; safe to run again (it adds more).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrateLatest } from '../db/migrations.ts';
import { seedVolume } from '../features/casework/volume.ts';
import { seedRegisterVolume } from '../features/register/volume.ts';
import { runWithDatabase } from './run-with-database.ts';

const argsSchema = z.object({
  cases: z.coerce.number().int().min(1).max(20_000_000).optional(),
  officers: z.coerce.number().int().min(1).max(500).default(40),
  organisations: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

const { values } = parseArgs({ options: { cases: { type: 'string' }, officers: { type: 'string' }, organisations: { type: 'string' } }, strict: true });
const parsedArgs = argsSchema.safeParse(values);
if (!parsedArgs.success) {
  process.stderr.write('Usage: npm run seed:volume -- [--cases 1000000] [--officers 40] [--organisations 50000]\n');
  process.exit(1);
}
const { officers, organisations } = parsedArgs.data;
const cases = parsedArgs.data.cases ?? (organisations ? 0 : 1_000_000);

/** One progress line: rewritten in place on a terminal, a line per percent otherwise. */
function progress(print: (line: string) => void, what: string, total: number) {
  const started = Date.now();
  let lastPercent = -1;
  return (done: number): void => {
    const percent = Math.floor((done / total) * 100);
    const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
    const line = `  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} ${what} (${String(percent)}%), ${rate.toLocaleString('en')}/s`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}${done >= total ? '\n' : ''}`);
    else if (percent !== lastPercent) print(line);
    lastPercent = percent;
  };
}

await runWithDatabase(async ({ knex, print }) => {
  await migrateLatest(knex);
  const started = Date.now();
  if (cases > 0) {
    print(`Adding ${cases.toLocaleString('en')} cases over three years, assigned among ${String(officers)} officers…`);
    await seedVolume(knex, cases, { officers, onProgress: progress(print, 'cases', cases) });
  }
  if (organisations) {
    print(`Adding ${organisations.toLocaleString('en')} organisations to the register, with their arrays…`);
    await seedRegisterVolume(knex, organisations, progress(print, 'organisations', organisations));
  }
  print(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
});
