/**
 * knex settings shared by the portal, its commands and the knex CLI. Migrations and seeds are TypeScript,
 * run directly by Node 24. The portal's own scripts (`npm run db:migrate`, `npm run db:seed`) also start the
 * embedded PostgreSQL when DATABASE_URL is unset; the knex CLI needs DATABASE_URL.
 */
import path from 'node:path';
import type { Knex } from 'knex';

const root = import.meta.dirname;

export const MIGRATIONS_DIR = path.join(root, 'migrations');
export const SEEDS_DIR = path.join(root, 'seeds');

type LogLine = (message: unknown) => void;

/** knex's own warnings (pool, deprecations); by default they would go to the console. */
export interface KnexLog {
  warn: LogLine;
  error: LogLine;
}

const quiet: KnexLog = { warn: () => undefined, error: () => undefined };

export function knexConfig(connectionString: string, poolMax = 10, log: KnexLog = quiet): Knex.Config {
  return {
    log: { ...log, deprecate: log.warn, debug: () => undefined },
    client: 'pg',
    connection: { connectionString, application_name: 'ukuk', options: '-c TimeZone=UTC' },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 10_000,
    migrations: { directory: MIGRATIONS_DIR, loadExtensions: ['.ts'], tableName: 'knex_migrations' },
  };
}

export default knexConfig(process.env.DATABASE_URL ?? 'postgres://localhost/ukuk');
