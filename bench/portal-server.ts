/**
 * The portal served for a benchmark, in the process that measures it or on its own (serve.ts): nothing here loads
 * the load generator, so the portal's process holds what a deployed one does.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { createNotificationListener } from '../src/db/notifications.ts';
import { closeLog, createLogger, logDestination } from '../src/http/logging.ts';
import { createSessionMiddleware } from '../src/http/session.ts';
import { keepReturningFreedMemory } from '../src/lib/freed-memory.ts';
import type { JobQueue } from '../src/jobs/queue.ts';

export async function listen(handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Jobs are not measured: the outbox rows are written, delivery is not started. */
const noJobs: JobQueue = { send: () => Promise.resolve(), stop: () => Promise.resolve() };

/**
 * The portal as `npm start` assembles it, without jobs, on a free port. It logs at its configured LOG_LEVEL (info
 * in PRODUCTION_ENV, as deployed) to `logFile` through its own logger, the way it writes to stdout when deployed.
 */
export async function servePortal(config: Config, knex: Knex, databaseUrl: string, logFile: string): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger(config.logLevel, logDestination(logFile));
  const sessions = createSessionMiddleware({ connectionString: databaseUrl, secret: config.sessionSecret, secure: false, logger });
  const notifications = createNotificationListener(databaseUrl, logger);
  const app = createApp({ config, knex, logger, session: sessions.middleware, notifications, jobs: noJobs });
  await notifications.ready();
  const server = await listen(app);
  const stopReturning = await keepReturningFreedMemory(logger);
  return {
    url: server.url,
    async close() {
      stopReturning();
      await server.close();
      await Promise.all([sessions.close(), notifications.close()]);
      await closeLog(logger);
    },
  };
}
