/**
 * `npm start`: configuration, database (embedded when DATABASE_URL is unset), migrations and seeds, HTTP
 * server — and a graceful stop on SIGINT/SIGTERM within 5 seconds: stop accepting connections, let in-flight
 * requests finish, close keep-alive connections, stop the jobs without waiting for long ones, close the pools,
 * stop the embedded PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { describeDatabase, removeRunningPortal, writeRunningPortal } from './db/instance.ts';
import { migrateLatest, runSeeds } from './db/migrations.ts';
import { createNotificationListener, type NotificationListener } from './db/notifications.ts';
import { createMailer, type Mailer } from './features/notifications/mailer.ts';
import { notificationJobs } from './features/notifications/service.ts';
import { createSmsSender } from './features/notifications/sms.ts';
import { requestReminderJobs } from './features/letters/reminders.ts';
import { caseKeys } from './features/cases/keys.ts';
import { lostCodeJobs } from './features/cases/lost-code.ts';
import { contentJobs } from './features/content/review.ts';
import { createTranslator } from './i18n/i18n.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { maintenanceJobs } from './jobs/maintenance.ts';
import { retentionJobs } from './features/retention/jobs.ts';
import { postgresBlobStorage } from './features/attachments/repository.ts';
import { digestJobs } from './features/casework/digest.ts';
import { statisticsJobs } from './features/statistics/service.ts';
import { startJobQueue, type JobQueue } from './jobs/queue.ts';
import { closeLog, createLogger, type Logger } from './http/logging.ts';
import { keepReturningFreedMemory } from './lib/freed-memory.ts';
import { createSessionMiddleware, type SessionMiddleware } from './http/session.ts';

const SHUTDOWN_TIMEOUT_MS = 15_000;
/**
 * How long requests in flight get to finish once the stop began; connections still open then are closed. With
 * the jobs' second and the pool's (queue.ts, database.ts), the stop stays within 5 seconds.
 */
const DRAIN_MS = 2_500;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
}

function listen(server: Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** What a running portal holds open, closed in reverse order when it stops. */
interface Running {
  database?: Database;
  sessions?: SessionMiddleware;
  notifications?: NotificationListener;
  jobs?: JobQueue;
  mailer?: Mailer;
  server?: Server;
  /** Set when the stop begins: every response from then on closes its connection. */
  stopping?: boolean;
}

/**
 * Waits for the open connections to finish (the server no longer accepts new ones). Idle keep-alive connections
 * are closed at once, and again every 100 ms for those whose request has just finished; a request that arrives
 * on one in between is answered with `Connection: close`. Whatever is still open at the deadline is closed.
 */
async function closeServer(server: Server, closed: Promise<void>, logger: Logger): Promise<void> {
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => {
    logger.warn({ afterMs: DRAIN_MS }, 'requests still in flight: closing their connections');
    server.closeAllConnections();
  }, DRAIN_MS);
  await closed;
  clearInterval(sweep);
  clearTimeout(deadline);
}

/** The graceful stop: refuse new connections, finish in-flight requests, close jobs, pools and the database. */
function shutdown(running: Running, config: Config, logger: Logger): (signal: string, exitCode?: number) => Promise<void> {
  return async (signal, exitCode = 0) => {
    // npm forwards the terminal's signal too: the second one must not start a second shutdown.
    if (running.stopping) return;
    running.stopping = true;
    // New connections are refused before the shutdown is announced: whoever reads the log line finds it so.
    const { server } = running;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    removeRunningPortal(config.varDir);
    try {
      if (server && closed) await closeServer(server, closed, logger);
      await running.jobs?.stop();
      running.mailer?.close();
      await running.sessions?.close();
      await running.notifications?.close();
      await running.database?.close();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      exitCode = 1;
    }
    await closeLog(logger);
    process.exit(exitCode);
  };
}

function smsSender(config: Config) {
  return createSmsSender({ ...config.sms, smsDir: path.join(config.varDir, 'sms') });
}

/** The background work of one instance: mail delivery, housekeeping, digests and lost-code links. */
async function startJobs(database: Database, config: Config, logger: Logger, mailer: Mailer): Promise<JobQueue> {
  const { knex } = database;
  const translator = createTranslator({ strict: !config.isProduction, onMissing: (lang, key) => logger.error({ lang, key }, 'missing translation') });
  const keys = caseKeys(config.dataEncryptionKey);
  const queue: JobQueue = await startJobQueue({
    connectionString: database.url,
    knex,
    logger,
    jobs: [
      ...notificationJobs({ knex, mailer, sms: smsSender(config), translator, config, jobs: () => queue }),
      ...requestReminderJobs({ knex, jobs: () => queue, config }),
      ...maintenanceJobs({
        knex,
        logger,
        limiter: createRateLimiter({ store: config.rateLimitStore, knex, secret: config.sessionSecret }),
        uploads: { storage: postgresBlobStorage(keys.attachments), tmpDir: config.uploads.tmpDir },
        retention: config.retention,
      }),
      ...digestJobs({ knex, translator, jobs: () => queue, config }),
      ...lostCodeJobs({ knex, keys, config, jobs: () => queue }),
      ...contentJobs({ knex }),
      ...statisticsJobs({ knex }),
      ...retentionJobs({ knex, logger, retention: config.retention }),
    ],
  });
  return queue;
}

/** Database (migrated and seeded), sessions, listener, mail, jobs, then the HTTP server, listening. */
async function start(running: Running, config: Config, logger: Logger): Promise<{ database: Database; server: Server }> {
  const log = (message: string): void => logger.info(message);
  const database = await openDatabase(config, log, {
    warn: (message) => logger.warn({ detail: String(message) }, 'database warning'),
    error: (message) => logger.error({ detail: String(message) }, 'database error'),
  });
  running.database = database;
  const applied = await migrateLatest(database.knex);
  if (applied.length > 0) logger.info({ migrations: applied.length }, 'migrations applied');
  await runSeeds(database.knex, { config, demo: !config.isProduction, log });
  const sessions = (running.sessions = createSessionMiddleware({
    connectionString: database.url,
    secret: config.sessionSecret,
    secure: config.secureCookies,
    logger,
  }));
  const notifications = (running.notifications = createNotificationListener(database.url, logger));
  const mailer = (running.mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, mailDir: path.join(config.varDir, 'mail') }));
  const jobs = (running.jobs = await startJobs(database, config, logger, mailer));
  const app = createApp({ config, knex: database.knex, logger, session: sessions.middleware, notifications, jobs });
  // Caches are filled from the first request on: a change announced before LISTEN ran would be lost for good.
  await notifications.ready();
  // A client that sends its headers or its body too slowly is dropped (408), so slow bodies cannot hold
  // connections and upload slots; the timeouts are checked every second.
  const server = (running.server = createServer(
    { requestTimeout: config.timeouts.requestMs, headersTimeout: config.timeouts.headersMs, connectionsCheckingInterval: 1000 },
    (req, res) => {
      // While stopping, a keep-alive client is told to reconnect (elsewhere) rather than left on a closing socket.
      if (running.stopping) res.setHeader('Connection', 'close');
      app(req, res);
    },
  ));
  // Keep-alive a little longer than typical proxies so they never reuse a connection we just closed.
  server.keepAliveTimeout = 65_000;
  await listen(server, config);
  return { database, server };
}

/** Tells `npm run staff:create` where this portal answers and which database it uses (VAR_DIR/portal.json). */
function announce(config: Config, logger: Logger, database: Database, server: Server, started: number): void {
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' || config.host === '::' ? 'localhost' : config.host;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  try {
    writeRunningPortal(config.varDir, {
      pid: process.pid,
      publicUrl: config.publicUrlSet ? config.publicUrl : `http://${shown}:${String(port)}`,
      database: describeDatabase(config, database.url),
    });
  } catch (error) {
    logger.warn({ err: error }, 'could not write VAR_DIR/portal.json');
  }
  logger.info({ ms: Date.now() - started }, `Ukuk is ready at http://${shown}:${port}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const running: Running = {};
  const stop = shutdown(running, config, logger);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  let portal: { database: Database; server: Server };
  try {
    portal = await start(running, config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    await stop('startup-failure', 1);
    return;
  }
  announce(config, logger, portal.database, portal.server, started);
  // After the portal is ready: loading the binding is not on the way to the first request.
  await keepReturningFreedMemory(logger);
}

await main();
