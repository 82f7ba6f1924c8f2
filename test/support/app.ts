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
import { createSessionMiddleware, type SessionMiddleware } from '../../src/http/session.ts';
import { TEST_VAR_DIR, testDatabase } from './database.ts';

export const TEST_LOG_DIR = path.join(TEST_VAR_DIR, 'test-logs');
export const TEST_LOG_FILE = path.join(TEST_LOG_DIR, `run-${process.pid}.log`);

let logger: Logger | undefined;
export function testLogger(): Logger {
  if (!logger) {
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    logger = createLogger('info', pino.destination({ dest: TEST_LOG_FILE, sync: true }));
  }
  return logger;
}

export const TEST_ENV = {
  NODE_ENV: 'test',
  VAR_DIR: TEST_VAR_DIR,
  SESSION_SECRET: 'test-session-secret-test-session-secret-0123',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  LOG_LEVEL: 'info',
};

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...TEST_ENV, DATABASE_URL: testDatabase().url, ...overrides });
}

const openSessions: SessionMiddleware[] = [];
after(async () => {
  await Promise.all(openSessions.splice(0).map((sessions) => sessions.close()));
});

/** The portal as `npm start` assembles it, on the test database. */
export function buildApp(overrides: Record<string, string> = {}, knex = testDatabase().knex): Express {
  const config = testConfig(overrides);
  const sessions = createSessionMiddleware({ connectionString: testDatabase().url, secret: config.sessionSecret, secure: config.secureCookies });
  openSessions.push(sessions);
  return createApp({ config, knex, logger: testLogger(), session: sessions.middleware });
}
