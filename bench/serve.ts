/**
 * One server for the benchmark, in its own process as it runs when deployed (the load generator must not
 * share its event loop): `bare` — Express 5 answering "hello" — or `portal` — the portal in production mode
 * on DATABASE_URL (already migrated and seeded by the parent), with jobs not started, logging to BENCH_LOG_FILE. Prints
 * `LISTENING <url>` once it accepts requests; stops on SIGTERM.
 */
import express from 'express';
import { loadConfig } from '../src/config.ts';
import { createKnex } from '../src/db/database.ts';
import { listen, servePortal } from './portal-server.ts';
import { BENCH_LOG_FILE } from './support.ts';

async function portal(): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig(process.env);
  const databaseUrl = config.databaseUrl ?? '';
  const knex = createKnex(databaseUrl, config.databasePoolMax);
  const server = await servePortal(config, knex, databaseUrl, process.env.BENCH_LOG_FILE ?? BENCH_LOG_FILE);
  return {
    url: server.url,
    async close() {
      await server.close();
      await knex.destroy();
    },
  };
}

function bare(): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.get('/', (_req, res) => {
    res.send('hello');
  });
  return listen(app);
}

const server = process.argv[2] === 'portal' ? await portal() : await bare();
process.stdout.write(`LISTENING ${server.url}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
