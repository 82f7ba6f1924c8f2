/** Readiness: the database answers and every migration is applied. */
import type { Knex } from 'knex';
import { migrationsCurrent } from '../../db/migrations.ts';
import { pingDatabase } from './repository.ts';

export interface Readiness {
  ready: boolean;
  database: 'up' | 'down';
  migrations: 'current' | 'pending' | 'unknown';
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('readiness check timed out')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(knex: Knex): Promise<Readiness> {
  try {
    await withTimeout(pingDatabase(knex));
  } catch {
    return { ready: false, database: 'down', migrations: 'unknown' };
  }
  try {
    const current = await withTimeout(migrationsCurrent(knex));
    return { ready: current, database: 'up', migrations: current ? 'current' : 'pending' };
  } catch {
    return { ready: false, database: 'up', migrations: 'unknown' };
  }
}
