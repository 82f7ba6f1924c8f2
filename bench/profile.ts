/**
 * Serves the portal in production mode for profiling (node --cpu-prof bench/profile.ts). With
 * PROFILE_DATABASE_URL it uses that (e.g. a database filled by seed:volume); otherwise a fresh bench database.
 * Prints the URL and a staff Cookie header, then serves for PROFILE_SECONDS (default 30).
 */
import { loadConfig } from '../src/config.ts';
import { createKnex } from '../src/db/database.ts';
import { runSeeds } from '../src/db/migrations.ts';
import { staffSession } from './http.ts';
import { servePortal } from './portal-server.ts';
import { BENCH_LOG_FILE, benchDatabase, log, PRODUCTION_ENV } from './support.ts';

const database = process.env.PROFILE_DATABASE_URL
  ? { url: process.env.PROFILE_DATABASE_URL, knex: createKnex(process.env.PROFILE_DATABASE_URL, 20), close: () => Promise.resolve() }
  : await benchDatabase(20);
const config = loadConfig({ ...process.env, ...PRODUCTION_ENV, DATABASE_URL: database.url });
await runSeeds(database.knex, { config, demo: false, log });
const server = await servePortal(config, database.knex, database.url, BENCH_LOG_FILE);
log(`PROFILE_URL ${server.url}`);
log(`PROFILE_COOKIE ${await staffSession(server.url, database.knex, config.dataEncryptionKey)}`);
setTimeout(
  () => {
    void server
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  },
  Number(process.env.PROFILE_SECONDS ?? 30) * 1000,
);
