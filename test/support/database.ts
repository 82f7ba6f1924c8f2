/**
 * One fresh PostgreSQL database per test run, on the embedded test cluster (var/test-pgdata) or, when
 * DATABASE_URL is set, on that server; migrated once, dropped at the end. Two runs never share a database.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { createKnex, resolveServer } from '../../src/db/database.ts';
import type { EmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { loadConfig } from '../../src/config.ts';
import { migrateLatest, runSeeds } from '../../src/db/migrations.ts';
import { ROOT, TEST_ENV, TEST_VAR_DIR } from './env.ts';

export { ROOT, TEST_VAR_DIR };
const DATABASE_PREFIX = 'ukuk_test_';

interface TestDatabase {
  /** The server's maintenance database (to create and drop databases). */
  serverUrl: string;
  name: string;
  url: string;
  knex: Knex;
  embedded?: EmbeddedPostgres;
}

let current: TestDatabase | undefined;

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the test server (callers drop it with dropDatabase). */
export async function createDatabase(serverUrl: string, suffix = ''): Promise<{ name: string; url: string }> {
  const name = `${DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}${suffix}`;
  await adminQuery(serverUrl, `create database "${name}"`);
  return { name, url: withDatabase(serverUrl, name) };
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
}

export async function setUpTestDatabase(): Promise<void> {
  const { url: serverUrl, embedded } = await resolveServer({ databaseUrl: process.env.DATABASE_URL, varDir: TEST_VAR_DIR }, () => undefined, 'test-pgdata');
  const { name, url } = await createDatabase(serverUrl);
  const knex = createKnex(url, 20);
  await migrateLatest(knex);
  // Reference data (guidance, quiz) as every installation has it; tests create their own cases and users.
  await runSeeds(knex, { config: loadConfig({ ...TEST_ENV, DATABASE_URL: url }), demo: false, log: () => undefined });
  current = { serverUrl, name, url, knex, ...(embedded ? { embedded } : {}) };
}

export async function tearDownTestDatabase(): Promise<void> {
  if (!current) return;
  const { serverUrl, name, knex, embedded } = current;
  current = undefined;
  await knex.destroy();
  await dropDatabase(serverUrl, name);
  if (embedded?.startedHere) {
    // Another run may still be using the shared test cluster: leave it running for that run to stop.
    const others = await adminQuery(serverUrl, `select 1 from pg_database where datname like '${DATABASE_PREFIX}%'`);
    if (others.rowCount === 0) await embedded.stop();
  }
}

export function testDatabase(): TestDatabase {
  if (!current) throw new Error('The test database is not set up (test/support/root-hooks.ts)');
  return current;
}

/** A migrated database of its own, for tests that must damage or fill it (call `drop` when done). */
export async function scratchDatabase(): Promise<{ knex: Knex; url: string; drop(): Promise<void> }> {
  const { serverUrl } = testDatabase();
  const { name, url } = await createDatabase(serverUrl, '_scratch');
  const knex = createKnex(url, 30);
  await migrateLatest(knex);
  return {
    knex,
    url,
    async drop() {
      await knex.destroy();
      await dropDatabase(serverUrl, name);
    },
  };
}
