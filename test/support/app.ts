/**
 * Builds the real application for HTTP tests, on the run's database, with a test configuration. Logs go to
 * one file per run (var/test-logs), so a test can scan everything the portal logged.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/http/logging.ts';
import { createNotificationListener, type NotificationListener } from '../../src/db/notifications.ts';
import { createSessionMiddleware } from '../../src/http/session.ts';
import { testDatabase } from './database.ts';
import { TEST_ENV, TEST_VAR_DIR } from './env.ts';
import { testJobs } from './jobs.ts';

const TEST_LOG_DIR = path.join(TEST_VAR_DIR, 'test-logs');
/** One file per run: the workers of a parallel run write to the same one (appending whole lines). */
export const TEST_LOG_FILE = path.join(TEST_LOG_DIR, `run-${process.env.UKUK_TEST_RUN ?? String(process.pid)}.log`);

let logger: Logger | undefined;
export function testLogger(): Logger {
  if (!logger) {
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    logger = createLogger('info', pino.destination({ dest: TEST_LOG_FILE, sync: true }));
  }
  return logger;
}

export { TEST_ENV };

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...TEST_ENV, DATABASE_URL: testDatabase().url, ...overrides });
}

const openResources: { close(): Promise<void> }[] = [];
let listener: NotificationListener | undefined;

/**
 * One LISTEN connection for every app of the run, as one instance has one: forty apps with a listener each held
 * forty connections to the end of the run, and several runs on one server ran out of them.
 */
function testListener(): NotificationListener {
  if (!listener) {
    listener = createNotificationListener(testDatabase().url, testLogger());
    openResources.push(listener);
  }
  return listener;
}
const resourcesOf = new WeakMap<Express, { close(): Promise<void> }[]>();

/** Closes the session pools and listeners of every app built during the run (root hook). */
export async function closeTestApps(): Promise<void> {
  listener = undefined;
  await Promise.all(openResources.splice(0).map((resource) => resource.close()));
}

/**
 * Closes one app's session pool and listener now. Each app holds database connections until it is closed,
 * and the server is shared: a file that builds several apps releases them when it is done.
 */
export async function releaseApp(app: Express): Promise<void> {
  const resources = resourcesOf.get(app) ?? [];
  resourcesOf.delete(app);
  for (const resource of resources) openResources.splice(openResources.indexOf(resource), 1);
  await Promise.all(resources.map((resource) => resource.close()));
}

/** The portal as `npm start` assembles it, on the test database, with the run's job queue. */
export async function buildApp(overrides: Record<string, string> = {}, knex = testDatabase().knex): Promise<Express> {
  const config = testConfig(overrides);
  const sessions = createSessionMiddleware({
    connectionString: testDatabase().url,
    secret: config.sessionSecret,
    secure: config.secureCookies,
    logger: testLogger(),
  });
  const notifications = testListener();
  openResources.push(sessions);
  const { queue } = await testJobs();
  const app = createApp({ config, knex, logger: testLogger(), session: sessions.middleware, notifications, jobs: queue });
  // As `npm start` does: the app is ready once it hears every content change announced from now on.
  await notifications.ready();
  // The listener is shared by every app of the run: releasing one app closes only its session pool.
  resourcesOf.set(app, [sessions]);
  return app;
}
