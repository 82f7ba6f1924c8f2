/**
 * What a running portal tells the commands run beside it (`npm run staff:create`): where it answers and which
 * database it uses, in VAR_DIR/portal.json, written when it is ready and removed when it stops. A command
 * started without PUBLIC_URL prints links on the port the portal really listens on, and a command that would
 * use another database than the portal says so instead of silently creating an account nobody can use.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from './cluster-watchdog.ts';
import { embeddedDataDir } from './database.ts';
import type { Config } from '../config.ts';

export interface RunningPortal {
  pid: number;
  /** The address the portal's links use (PUBLIC_URL, or its actual port on localhost). */
  publicUrl: string;
  /** Which database, without credentials (see describeDatabase). */
  database: string;
}

function instanceFile(varDir: string): string {
  return path.join(varDir, 'portal.json');
}

/**
 * A database named for people, without the password: "host:port/name", and for the embedded server the
 * data directory too ("embedded PostgreSQL in …").
 */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'varDir'>, url: string): string {
  let where = 'an unreadable address';
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    // Never echo a URL that does not parse: it may hold a password.
  }
  return config.databaseUrl ? `${where} (DATABASE_URL)` : `embedded PostgreSQL in ${embeddedDataDir(config)} (${where})`;
}

export function writeRunningPortal(varDir: string, portal: RunningPortal): void {
  mkdirSync(varDir, { recursive: true });
  writeFileSync(instanceFile(varDir), `${JSON.stringify(portal, null, 2)}\n`, { mode: 0o644 });
}

/** Removes the file if it is this process's own (another instance may have written it since). */
export function removeRunningPortal(varDir: string, pid = process.pid): void {
  if (readRunningPortal(varDir)?.pid === pid) rmSync(instanceFile(varDir), { force: true });
}

/** The portal running on this VAR_DIR, if its file is there and its process is alive. */
export function readRunningPortal(varDir: string): RunningPortal | undefined {
  try {
    const portal = JSON.parse(readFileSync(instanceFile(varDir), 'utf8')) as Partial<RunningPortal>;
    if (typeof portal.pid !== 'number' || typeof portal.publicUrl !== 'string' || typeof portal.database !== 'string') return undefined;
    return processAlive(portal.pid) ? (portal as RunningPortal) : undefined;
  } catch {
    return undefined;
  }
}
