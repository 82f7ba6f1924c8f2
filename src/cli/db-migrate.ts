/** `npm run db:migrate`: apply every pending migration. */
import { migrateLatest } from '../db/migrations.ts';
import { runWithDatabase } from './run-with-database.ts';

await runWithDatabase(async ({ knex, print }) => {
  const applied = await migrateLatest(knex);
  print(applied.length === 0 ? 'Already up to date.' : `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`);
});
