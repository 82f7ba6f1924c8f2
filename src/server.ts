/**
 * `npm start`: configuration, database (embedded when DATABASE_URL is unset), migrations and seeds, HTTP
 * server — and a graceful stop on SIGINT/SIGTERM: stop accepting connections, let in-flight requests finish,
 * close the pools, stop the embedded PostgreSQL.
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
import { caseKeys } from './features/cases/keys.ts';
import { lostCodeJobs } from './features/cases/lost-code.ts';
import { createTranslator } from './i18n/i18n.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { maintenanceJobs } from './jobs/maintenance.ts';
import { postgresBlobStorage } from './features/attachments/repository.ts';
import { digestJobs } from './features/casework/digest.ts';
import { startJobQueue, type JobQueue } from './jobs/queue.ts';
import { createLogger } from './http/logging.ts';
import { createSessionMiddleware, type SessionMiddleware } from './http/session.ts';

const SHUTDOWN_TIMEOUT_MS = 15_000;

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

async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const log = (message: string): void => logger.info(message);

  let database: Database | undefined;
  let sessions: SessionMiddleware | undefined;
  let notifications: NotificationListener | undefined;
  let jobs: JobQueue | undefined;
  let mailer: Mailer | undefined;
  let server: Server | undefined;
  let stopping = false;

  async function stop(signal: string, exitCode = 0): Promise<void> {
    // npm forwards the terminal's signal too: the second one must not start a second shutdown.
    if (stopping) return;
    stopping = true;
    // New connections are refused before the shutdown is announced: whoever reads the log line finds it so.
    const listening = server;
    const closed = listening ? new Promise<void>((resolve) => listening.close(() => resolve())) : undefined;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    removeRunningPortal(config.varDir);
    try {
      if (listening && closed) {
        // Keep-alive connections become idle as their last response ends: close them as they do.
        const sweep = setInterval(() => listening.closeIdleConnections(), 100);
        listening.closeIdleConnections();
        await closed;
        clearInterval(sweep);
      }
      await jobs?.stop();
      mailer?.close();
      await sessions?.close();
      await notifications?.close();
      await database?.close();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      exitCode = 1;
    }
    process.exit(exitCode);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    database = await openDatabase(config, log, {
      warn: (message) => logger.warn({ detail: String(message) }, 'database warning'),
      error: (message) => logger.error({ detail: String(message) }, 'database error'),
    });
    const applied = await migrateLatest(database.knex);
    if (applied.length > 0) logger.info({ migrations: applied.length }, 'migrations applied');
    await runSeeds(database.knex, { config, demo: !config.isProduction, log });

    sessions = createSessionMiddleware({ connectionString: database.url, secret: config.sessionSecret, secure: config.secureCookies });
    notifications = createNotificationListener(database.url, logger);
    const knex = database.knex;
    const translator = createTranslator({ strict: !config.isProduction, onMissing: (lang, key) => logger.error({ lang, key }, 'missing translation') });
    mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, mailDir: path.join(config.varDir, 'mail') });
    const mail = mailer;
    const queue: JobQueue = await startJobQueue({
      connectionString: database.url,
      knex,
      logger,
      jobs: [
        ...notificationJobs({ knex, mailer: mail, translator, config, jobs: () => queue }),
        ...maintenanceJobs({ knex, logger, limiter: createRateLimiter({ store: config.rateLimitStore, knex, secret: config.sessionSecret }), uploads: { storage: postgresBlobStorage(caseKeys(config.dataEncryptionKey).attachments), tmpDir: config.uploads.tmpDir } }),
        ...digestJobs({ knex, translator, jobs: () => queue, config }),
        ...lostCodeJobs({ knex, keys: caseKeys(config.dataEncryptionKey), config, jobs: () => queue }),
      ],
    });
    jobs = queue;
    const app = createApp({ config, knex, logger, session: sessions.middleware, notifications, jobs: queue });
    // Caches are filled from the first request on: a change announced before LISTEN ran would be lost for good.
    await notifications.ready();
    // A client that sends its headers or its body too slowly is dropped (408), so slow bodies cannot hold
    // connections and upload slots; the timeouts are checked every second.
    server = createServer({ requestTimeout: config.timeouts.requestMs, headersTimeout: config.timeouts.headersMs, connectionsCheckingInterval: 1000 }, app);
    // Keep-alive a little longer than typical proxies so they never reuse a connection we just closed.
    server.keepAliveTimeout = 65_000;
    await listen(server, config);
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    await stop('startup-failure', 1);
    return;
  }
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' || config.host === '::' ? 'localhost' : config.host;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  try {
    // Tells `npm run staff:create` where this portal answers and which database it uses.
    writeRunningPortal(config.varDir, { pid: process.pid, publicUrl: config.publicUrlSet ? config.publicUrl : `http://${shown}:${String(port)}`, database: describeDatabase(config, database.url) });
  } catch (error) {
    logger.warn({ err: error }, 'could not write VAR_DIR/portal.json');
  }
  logger.info({ ms: Date.now() - started }, `Ukuk is ready at http://${shown}:${port}`);
}

await main();
