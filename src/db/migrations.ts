/**
 * Schema migrations and seeds. Seeds are idempotent upserts: `reference` seeds (holidays, content) run
 * everywhere, `demo` seeds only outside production.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { SEEDS_DIR } from '../../knexfile.ts';
import type { Config } from '../config.ts';

export interface SeedContext {
  config: Config;
  log: (message: string) => void;
}

interface SeedModule {
  kind: 'reference' | 'demo';
  seed(knex: Knex, context: SeedContext): Promise<void>;
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest()) as [number, string[]];
  return applied;
}

/** True when every migration file has been applied. */
export async function migrationsCurrent(knex: Knex): Promise<boolean> {
  const [, pending] = (await knex.migrate.list()) as [unknown[], unknown[]];
  return pending.length === 0;
}

export async function runSeeds(knex: Knex, options: { config: Config; demo: boolean; log: (message: string) => void }): Promise<string[]> {
  const files = (await readdir(SEEDS_DIR)).filter((file) => /^\d+[-_][\w-]+\.ts$/.test(file)).sort();
  const ran: string[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(SEEDS_DIR, file)).href)) as SeedModule;
    if (module.kind === 'demo' && !options.demo) continue;
    await module.seed(knex, { config: options.config, log: options.log });
    ran.push(file);
  }
  return ran;
}
