/**
 * Opens the portal's database: the server named by DATABASE_URL, or the embedded cluster under VAR_DIR.
 * Whoever opens it closes it, which also stops the embedded server when this process started it.
 */
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { knexConfig, type KnexLog } from '../../knexfile.ts';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres, type StartOptions } from './embedded-postgres.ts';

// int8 (counts, bigint ids) as JavaScript numbers: every value the portal stores fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** How long close() waits for queries still running before it goes on without them. */
const POOL_CLOSE_MS = 1_000;

export interface Database {
  knex: Knex;
  /** Connection URL (with credentials: never log it). */
  url: string;
  close(): Promise<void>;
}

/** Where the server for DATABASE_URL-less runs lives; tests keep a cluster of their own beside it. */
export function embeddedDataDir(config: Pick<Config, 'varDir'>, name = 'pgdata'): string {
  return path.join(config.varDir, name);
}

/** The server URL: DATABASE_URL, or the embedded cluster, started if need be. */
export async function resolveServer(
  config: Pick<Config, 'databaseUrl' | 'varDir'>,
  log: (message: string) => void,
  clusterName = 'pgdata',
  options: StartOptions = {},
): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres(embeddedDataDir(config, clusterName), log, options);
  return { url: embedded.url, embedded };
}

export function createKnex(url: string, poolMax = 10, log?: KnexLog): Knex {
  return knexFactory(knexConfig(url, poolMax, log));
}

/** Resolves once `promise` settles or `ms` have passed, whichever comes first. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise.then(() => undefined), deadline]);
  clearTimeout(timer);
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'varDir' | 'databasePoolMax'>,
  log: (message: string) => void,
  knexLog?: KnexLog,
): Promise<Database> {
  // The portal's own server stops with the portal, even when the portal is killed (cluster-watchdog.ts).
  const { url, embedded } = await resolveServer(config, log, 'pgdata', { ownedByProcess: true });
  const knex = createKnex(url, config.databasePoolMax, knexLog);
  return {
    knex,
    url,
    async close() {
      // Queries still running by now belong to work the stop gave up on (a request cut off at the deadline, a
      // failed job): after a second the embedded server is stopped under them, or the process exits.
      await settledWithin(knex.destroy(), POOL_CLOSE_MS);
      if (embedded?.startedHere) await embedded.stop();
    },
  };
}
