/**
 * `npm run anonymise`: runs the retention job once — every case past its retention period (RETENTION_*_YEARS
 * after closure) and not under a legal hold is anonymised, each with its audit event. Prints the progress and
 * `anonymised <n> case(s), skipped <m>`; exit 0.
 */
import { anonymiseExpired } from '../features/retention/service.ts';
import { runWithDatabase } from './run-with-database.ts';

await runWithDatabase(async ({ knex, config, print }) => {
  const started = Date.now();
  const done = await anonymiseExpired(knex, config.retention, {
    onProgress: (run) => {
      const line = `anonymised ${run.anonymised}, skipped ${run.skipped}`;
      if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
      else if ((run.anonymised + run.skipped) % 100 === 0) process.stderr.write(`${line}\n`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  print(`anonymised ${done.anonymised} case(s), skipped ${done.skipped} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
});
