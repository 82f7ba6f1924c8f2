/** Reference data: guidance, FAQ and campaigns from seeds/content (Markdown), loaded idempotently. */
import path from 'node:path';
import type { Knex } from 'knex';
import type { SeedContext } from '../src/db/migrations.ts';
import { readContentDirectory, syncContent } from '../src/features/content/sync.ts';

export const kind = 'reference';

export async function seed(knex: Knex, { log }: SeedContext): Promise<void> {
  const sources = await readContentDirectory(path.join(import.meta.dirname, 'content'));
  const summary = await syncContent(knex, sources);
  log(`content: ${summary.items} items, ${summary.translations} translations, ${summary.changed} changed`);
}
