/**
 * `npm run audit:verify`: re-verifies the whole audit chain and every checkpoint.
 * Prints `OK <count> events, head <hash>` and exits 0, or the first bad event and what is wrong, exit 1.
 */
import { verifyChain } from '../features/audit/service.ts';
import { runWithDatabase } from './run-with-database.ts';

await runWithDatabase(async ({ knex, print }) => {
  const started = Date.now();
  const progress = process.stderr.isTTY ? (count: number) => process.stderr.write(`\rverified ${count.toLocaleString('en')} events`) : undefined;
  const result = await verifyChain(knex, progress ? { onProgress: progress } : {});
  if (progress) process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  if (result.ok) {
    print(`OK ${result.count} events, head ${result.headHash}`);
    process.stderr.write(`${result.checkpoints} checkpoint(s) match; ${seconds.toFixed(2)} s\n`);
    return 0;
  }
  print(`FAILED at event ${result.eventId ?? '-'} (after ${result.count} valid events): ${result.problem}`);
  return 1;
});
