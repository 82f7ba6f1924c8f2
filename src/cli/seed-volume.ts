/**
 * `npm run seed:volume -- --cases 1000000`: fills the database with realistic cases so the staff queue can
 * be measured at scale (see bench/). Shows progress; safe to run again (it adds more).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrateLatest } from '../db/migrations.ts';
import { ensureVolumeOfficers, insertVolumeYear } from '../features/casework/volume.ts';
import { runWithDatabase } from './run-with-database.ts';

const argsSchema = z.object({ cases: z.coerce.number().int().min(1).max(20_000_000).default(1_000_000), officers: z.coerce.number().int().min(1).max(500).default(40) });

const { values } = parseArgs({ options: { cases: { type: 'string' }, officers: { type: 'string' } }, strict: true });
const parsedArgs = argsSchema.safeParse(values);
if (!parsedArgs.success) {
  process.stderr.write('Usage: npm run seed:volume -- --cases 1000000 [--officers 40]\n');
  process.exit(1);
}
const { cases, officers: officerCount } = parsedArgs.data;

await runWithDatabase(async ({ knex, print }) => {
  await migrateLatest(knex);
  const officers = await ensureVolumeOfficers(knex, officerCount);
  const now = new Date();
  const thisYear = now.getUTCFullYear();
  // Three years, the current one up to now; each year's share follows its length.
  const spans = [thisYear - 2, thisYear - 1, thisYear].map((year) => {
    const from = new Date(Date.UTC(year, 0, 1, 3));
    const to = year === thisYear ? now : new Date(Date.UTC(year + 1, 0, 1, 3));
    return { year, from, to, ms: to.getTime() - from.getTime() };
  });
  const totalMs = spans.reduce((sum, span) => sum + span.ms, 0);
  const started = Date.now();
  let before = 0;
  let lastLine = '';
  const tty = process.stdout.isTTY;
  const show = (inserted: number) => {
    const percent = Math.floor((inserted / cases) * 100);
    const rate = Math.round(inserted / Math.max(0.001, (Date.now() - started) / 1000));
    const line = `  ${inserted.toLocaleString('en')} / ${cases.toLocaleString('en')} cases (${String(percent)}%), ${rate.toLocaleString('en')}/s`;
    if (tty) process.stdout.write(`\r${line}`);
    else if (line.split('(')[1]?.split('%')[0] !== lastLine) print(line);
    lastLine = line.split('(')[1]?.split('%')[0] ?? '';
  };
  print(`Adding ${cases.toLocaleString('en')} cases over ${String(spans.length)} years, assigned among ${String(officers.length)} officers…`);
  let remaining = cases;
  for (const [index, span] of spans.entries()) {
    const count = index === spans.length - 1 ? remaining : Math.round((cases * span.ms) / totalMs);
    remaining -= count;
    const offset = before;
    await insertVolumeYear(knex, { year: span.year, count, from: span.from, to: span.to, officers, batchSize: 20_000, onBatch: (inserted) => show(offset + inserted) });
    before += count;
  }
  if (tty) process.stdout.write('\n');
  print('Updating planner statistics…');
  await knex.raw('analyze cases');
  print(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
});
