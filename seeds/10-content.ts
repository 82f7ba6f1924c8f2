/** Reference data: guidance, FAQ and campaigns from seeds/content (Markdown) and search synonyms, loaded idempotently. */
import path from 'node:path';
import type { Knex } from 'knex';
import type { SeedContext } from '../src/db/migrations.ts';
import { readContentDirectory, readSynonymFiles, syncContent, syncSynonyms } from '../src/features/content/sync.ts';

export const kind = 'reference';

export async function seed(knex: Knex, { log }: SeedContext): Promise<void> {
  const root = path.join(import.meta.dirname, 'content');
  const summary = await syncContent(knex, await readContentDirectory(root));
  const synonymsChanged = await syncSynonyms(knex, await readSynonymFiles(root));
  log(`content: ${summary.items} items, ${summary.translations} translations, ${summary.changed} changed; ${synonymsChanged} synonym lists changed`);
  // Never overwritten: the back office changed these translations after their file was last loaded.
  for (const conflict of summary.conflicts) log(`content: ${conflict} not loaded — edited in the back office since; compare the file with /staff/content`);
}
