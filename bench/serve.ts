/**
 * One server for the benchmark, in its own process as it runs when deployed (the load generator must not
 * share its event loop): `bare` — Express 5 answering "hello" — or `portal` — the portal in production mode
 * on DATABASE_URL (already migrated and seeded by the parent), with jobs not started. Prints
 * `LISTENING <url>` once it accepts requests; stops on SIGTERM.
 */
import express from 'express';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createKnex } from '../src/db/database.ts';
import { createNotificationListener } from '../src/db/notifications.ts';
import { createSessionMiddleware } from '../src/http/session.ts';
import type { JobQueue } from '../src/jobs/queue.ts';
import { listen } from './http.ts';

/** Jobs are not measured here: the outbox rows are written, delivery is not started. */
const noJobs: JobQueue = { send: () => Promise.resolve(), stop: () => Promise.resolve() };

async function portal(): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig(process.env);
  const knex = createKnex(config.databaseUrl ?? '', config.databasePoolMax);
  const sessions = createSessionMiddleware({ connectionString: config.databaseUrl ?? '', secret: config.sessionSecret, secure: false });
  const notifications = createNotificationListener(config.databaseUrl ?? '', pino({ level: 'silent' }));
  const app = createApp({ config, knex, logger: pino({ level: 'silent' }), session: sessions.middleware, notifications, jobs: noJobs });
  const server = await listen(app);
  return {
    url: server.url,
    async close() {
      await server.close();
      await Promise.all([sessions.close(), notifications.close(), knex.destroy()]);
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
