/**
 * `npm run content:export [directory]`: writes the published content back to the Markdown files the seed reads
 * (seeds/content by default), so that changes made in the back office can be reviewed in git. Published
 * translations only; a translation withdrawn from the portal keeps its old file until someone deletes it.
 */
import path from 'node:path';
import { exportContent } from '../features/content/export.ts';
import { runWithDatabase } from './run-with-database.ts';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../seeds/content'));

await runWithDatabase(async ({ knex, print }) => {
  const written = await exportContent(knex, root);
  print(`content:export: ${String(written)} files written under ${root}`);
  return 0;
});
