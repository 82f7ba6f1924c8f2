/** `npm run db:seed`: load reference data, and demo data outside production. Safe to run again. */
import { runSeeds } from '../db/migrations.ts';
import { runWithDatabase } from './run-with-database.ts';

await runWithDatabase(async ({ knex, config, print }) => {
  const ran = await runSeeds(knex, { config, demo: !config.isProduction, log: print });
  print(ran.length === 0 ? 'No seeds to run.' : `Seeded: ${ran.join(', ')}`);
});
