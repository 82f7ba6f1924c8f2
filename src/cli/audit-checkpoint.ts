/** `npm run audit:checkpoint`: records the audit chain's current length and head hash. */
import { writeCheckpoint } from '../features/audit/service.ts';
import { runWithDatabase } from './run-with-database.ts';

await runWithDatabase(async ({ knex, print }) => {
  const checkpoint = await writeCheckpoint(knex);
  print(`Checkpoint ${checkpoint.id}: ${checkpoint.eventCount} events, head ${checkpoint.headHash} at ${checkpoint.createdAt.toISOString()}`);
  return 0;
});
