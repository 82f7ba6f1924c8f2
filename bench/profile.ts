/**
 * Serves the portal in production mode for profiling (node --cpu-prof bench/profile.ts). With
 * PROFILE_DATABASE_URL it uses that (e.g. a database filled by seed:volume); otherwise a fresh bench database.
 * Prints the URL and a staff Cookie header, then serves for PROFILE_SECONDS (default 30).
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createKnex } from '../src/db/database.ts';
import { runSeeds } from '../src/db/migrations.ts';
import { createNotificationListener } from '../src/db/notifications.ts';
import { createSessionMiddleware } from '../src/http/session.ts';
import { listen, staffSession } from './http.ts';
import { benchDatabase, log } from './support.ts';

const database = process.env.PROFILE_DATABASE_URL ? { url: process.env.PROFILE_DATABASE_URL, knex: createKnex(process.env.PROFILE_DATABASE_URL, 20), close: () => Promise.resolve() } : await benchDatabase(20);
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production', TRUST_PROXY: 'loopback', LOG_LEVEL: 'silent', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  AUTHORITY_NAME_KY: 'a', AUTHORITY_NAME_RU: 'a', AUTHORITY_NAME_EN: 'a', AUTHORITY_ADDRESS_KY: 'a', AUTHORITY_ADDRESS_RU: 'a', AUTHORITY_ADDRESS_EN: 'a',
  AUTHORITY_EMAIL: 'a@example.kg', AUTHORITY_PHONE: '+996 312 000000', PUBLIC_URL: 'http://127.0.0.1', SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'a@example.kg', DATABASE_URL: database.url,
});
await runSeeds(database.knex, { config, demo: false, log });
const sessions = createSessionMiddleware({ connectionString: database.url, secret: config.sessionSecret, secure: false });
const app = createApp({ config, knex: database.knex, logger: pino({ level: 'silent' }), session: sessions.middleware, notifications: createNotificationListener(database.url, pino({ level: 'silent' })), jobs: { send: () => Promise.resolve(), stop: () => Promise.resolve() } });
const server = await listen(app);
log(`PROFILE_URL ${server.url}`);
log(`PROFILE_COOKIE ${await staffSession(server.url, database.knex, config.dataEncryptionKey)}`);
setTimeout(() => {
  void server.close().then(() => database.close()).then(() => process.exit(0));
}, Number(process.env.PROFILE_SECONDS ?? 30) * 1000);
