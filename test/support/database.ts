/**
 * Fresh PostgreSQL databases per test run, on the embedded test cluster (var/test-pgdata) or, when DATABASE_URL
 * is set, on that server: one migrated and seeded once per run (the template), and a copy of it for each process
 * running tests (the only one in a serial run; one per worker with `mocha --parallel`), so the workers of a
 * parallel run never see each other's rows, jobs or notifications. All dropped at the end; two runs never share
 * a database.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { createKnex, resolveServer } from '../../src/db/database.ts';
import type { EmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { loadConfig } from '../../src/config.ts';
import { migrateLatest, runSeeds } from '../../src/db/migrations.ts';
import { ROOT, TEST_ENV, TEST_VAR_DIR } from './env.ts';

export { ROOT };
const DATABASE_PREFIX = 'ukuk_test_';

interface TestDatabase {
  /** The server's maintenance database (to create and drop databases). */
  serverUrl: string;
  name: string;
  url: string;
  knex: Knex;
}

let current: TestDatabase | undefined;

function withDatabase(serverUrl: string, name: string): string {
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

/**
 * The run's reference database, made once by `mochaGlobalSetup` (root-hooks.ts) in the main process: migrated
 * and seeded, then used only as the template each process of the run copies its own database from. Its names go
 * to the worker processes (in parallel runs) through the environment.
 */
const RUN_ENV = { server: 'UKUK_TEST_SERVER_URL', template: 'UKUK_TEST_TEMPLATE', run: 'UKUK_TEST_RUN' } as const;
let startedServer: EmbeddedPostgres | undefined;

/** This run's id (the same in every worker process), or the process id outside a run made by the root hooks. */
export function testRunId(): string {
  return process.env[RUN_ENV.run] ?? String(process.pid);
}

/** Whether this process is one of several workers of a parallel run (`mocha --parallel`). */
export function isParallelWorker(): boolean {
  return process.env.MOCHA_WORKER_ID !== undefined;
}

export async function createTemplateDatabase(): Promise<void> {
  const { url: serverUrl, embedded } = await resolveServer({ databaseUrl: process.env.DATABASE_URL, varDir: TEST_VAR_DIR }, () => undefined, 'test-pgdata');
  const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const name = `${DATABASE_PREFIX}${run}_template`;
  await adminQuery(serverUrl, `create database "${name}"`);
  const knex = createKnex(withDatabase(serverUrl, name), 5);
  try {
    await migrateLatest(knex);
    // Reference data (guidance, quiz) as every installation has it; tests create their own cases and users.
    await runSeeds(knex, { config: loadConfig({ ...TEST_ENV, DATABASE_URL: withDatabase(serverUrl, name) }), demo: false, log: () => undefined });
  } finally {
    // A template is copied only while nobody is connected to it.
    await knex.destroy();
  }
  process.env[RUN_ENV.server] = serverUrl;
  process.env[RUN_ENV.template] = name;
  process.env[RUN_ENV.run] = run;
  startedServer = embedded;
}

/** Drops every database of the run (the template and each process's copy), and stops a server started for it. */
export async function dropRunDatabases(): Promise<void> {
  const serverUrl = process.env[RUN_ENV.server];
  const run = process.env[RUN_ENV.run];
  if (!serverUrl || !run) return;
  const names = await adminQuery(serverUrl, `select datname from pg_database where datname like '${DATABASE_PREFIX}${run}\\_%'`);
  for (const row of names.rows as { datname: string }[]) await dropDatabase(serverUrl, row.datname);
  const embedded = startedServer;
  startedServer = undefined;
  if (embedded?.startedHere) {
    // Another run may still be using the shared test cluster: leave it running for that run to stop.
    const others = await adminQuery(serverUrl, `select 1 from pg_database where datname like '${DATABASE_PREFIX}%'`);
    if (others.rowCount === 0) await embedded.stop();
  }
}

/** The names of every database of the run that holds test data (each process's copy of the template). */
export async function runDatabaseUrls(): Promise<string[]> {
  const { serverUrl } = testDatabase();
  const run = process.env[RUN_ENV.run];
  if (!run) return [testDatabase().url];
  const names = await adminQuery(
    serverUrl,
    `select datname from pg_database where datname like '${DATABASE_PREFIX}${run}\\_%' and datname not like '%\\_template'`,
  );
  return (names.rows as { datname: string }[]).map((row) => withDatabase(serverUrl, row.datname));
}

let settingUp: Promise<void> | undefined;

/** This process's own database, copied from the run's template on first use (each file of a worker calls it). */
export function setUpTestDatabase(): Promise<void> {
  settingUp ??= (async () => {
    const serverUrl = process.env[RUN_ENV.server];
    const template = process.env[RUN_ENV.template];
    if (!serverUrl || !template) throw new Error('No template database: load test/support/root-hooks.ts with --require');
    const run = process.env[RUN_ENV.run] ?? '';
    const name = `${DATABASE_PREFIX}${run}_w${process.env.MOCHA_WORKER_ID ?? '0'}_${randomBytes(3).toString('hex')}`;
    // Two workers copying the template at the same moment may find it busy for an instant.
    for (let attempt = 0; ; attempt++) {
      try {
        await adminQuery(serverUrl, `create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const url = withDatabase(serverUrl, name);
    current = { serverUrl, name, url, knex: createKnex(url, 20) };
  })();
  return settingUp;
}

/** Closes and drops this process's database (the end of a serial run; the main process drops a parallel run's). */
export async function tearDownTestDatabase(): Promise<void> {
  if (!current) return;
  const { serverUrl, name, knex } = current;
  current = undefined;
  settingUp = undefined;
  await knex.destroy();
  await dropDatabase(serverUrl, name);
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
