/** Shared benchmark plumbing: a throwaway database on the bench cluster (or DATABASE_URL), progress output. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import type autocannon from 'autocannon';
import type { Knex } from 'knex';
import pg from 'pg';
import { createKnex, resolveServer } from '../src/db/database.ts';
import { migrateLatest } from '../src/db/migrations.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface BenchDatabase {
  knex: Knex;
  url: string;
  close(): Promise<void>;
}

async function databaseExists(url: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database, dropped on close (and the embedded bench cluster stopped if we started it) — or, with
 * BENCH_DB_NAME set, that database kept between runs (created the first time), so a million cases are seeded once.
 */
export async function benchDatabase(poolMax = 30, options: { keepable: boolean } = { keepable: true }): Promise<BenchDatabase> {
  const { url: serverUrl, embedded } = await resolveServer({ databaseUrl: process.env.DATABASE_URL, varDir: path.join(ROOT, 'var') }, log, 'bench-pgdata');
  // A benchmark that must start from an empty database (the audit chain's) never uses the kept one.
  const kept = options.keepable ? process.env.BENCH_DB_NAME : undefined;
  if (kept !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(kept)) throw new Error('BENCH_DB_NAME: lower-case letters, digits and _ only');
  const name = kept ?? `ukuk_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (kept) log(`using the kept database ${kept} (BENCH_DB_NAME)`);
  if (!kept || !(await databaseExists(serverUrl, kept))) await admin(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const knex = createKnex(url.toString(), poolMax);
  await migrateLatest(knex);
  return {
    knex,
    url: url.toString(),
    async close() {
      await knex.destroy();
      if (!kept) await admin(serverUrl, `drop database if exists "${name}" with (force)`);
      if (embedded?.startedHere) await embedded.stop();
    },
  };
}

/**
 * Distinct client addresses the load is spread over: each stays far below its allowance in a run. 4,096 were
 * too few on a machine where the track page answered 25,000 req/s: after 1.2 million GETs in ten minutes every
 * address was over the form pages' limit (300), and the later rows measured refusals.
 */
const CROWD = 65_536;

/**
 * Rewrites each request as coming from the next of many addresses (X-Forwarded-For, which the portal trusts
 * from loopback in PRODUCTION_ENV): load limited per address is measured as a crowd makes it, not one client.
 */
export function fromACrowd(): (request: autocannon.Request) => autocannon.Request {
  let visitor = 0;
  return (request) => {
    visitor = (visitor + 1) % CROWD;
    return { ...request, headers: { ...request.headers, 'x-forwarded-for': `10.9.${String(visitor >> 8)}.${String(visitor & 255)}` } };
  };
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** A progress line that rewrites itself on a terminal and prints every 10% otherwise. */
export function progress(label: string, total: number): (done: number) => void {
  let lastDecile = -1;
  return (done) => {
    const percent = Math.floor((done / total) * 100);
    if (process.stdout.isTTY) {
      process.stdout.write(`\r${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${percent}%)${done >= total ? '\n' : ''}`);
    } else if (Math.floor(percent / 10) > lastDecile) {
      lastDecile = Math.floor(percent / 10);
      log(`${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${percent}%)`);
    }
  };
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en')}/s`;
}

/** Where the bench's portal writes its log (LOG_LEVEL=info, as deployed), through the portal's own logger. */
export const BENCH_LOG_FILE = path.join(ROOT, 'var', 'bench', 'portal.log');

/** The portal as deployed (production mode, logging on), with throwaway secrets: what every benchmark server runs with. */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  TRUST_PROXY: 'loopback',
  LOG_LEVEL: 'info',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  AUTHORITY_NAME_KY: 'Жеке маалыматтарды коргоо боюнча мамлекеттик агенттик',
  AUTHORITY_NAME_RU: 'Государственное агентство по защите персональных данных',
  AUTHORITY_NAME_EN: 'State Agency for Personal Data Protection',
  AUTHORITY_ADDRESS_KY: 'Бишкек',
  AUTHORITY_ADDRESS_RU: 'Бишкек',
  AUTHORITY_ADDRESS_EN: 'Bishkek',
  AUTHORITY_EMAIL: 'info@example.kg',
  AUTHORITY_PHONE: '+996 312 000000',
  PUBLIC_URL: 'http://127.0.0.1',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  MAIL_FROM: 'noreply@example.kg',
};

export interface NodeProcess {
  /** What the `ready` pattern matched in the process's output. */
  match: RegExpExecArray;
  /** Resident memory of the process now (Linux), in MB. */
  residentMegabytes: () => number;
  /** Sends the process a signal (e.g. the one that makes it write a heap snapshot). */
  signal: (name: NodeJS.Signals) => void;
  stop: () => Promise<void>;
  /** The process's exit code, once it has exited. */
  exited: Promise<number | null>;
}

/** A Node script of this project in a child process, once its standard output matches `ready`. */
export function spawnNode(args: string[], env: Record<string, string | undefined>, ready: RegExp): Promise<NodeProcess> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        match,
        residentMegabytes: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${String(child.pid)}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024,
        signal: (name) => child.kill(name),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
        exited,
      });
    });
    child.once('exit', (code) => {
      reject(new Error(`${args.join(' ')} exited (${String(code)}) before it was ready: ${output.slice(-500)}`));
    });
  });
}

export interface ServerProcess {
  url: string;
  residentMegabytes(): number;
  signal(name: NodeJS.Signals): void;
  close(): Promise<void>;
}

/** The flags `npm start` gives node (package.json): the bench's portal runs with the same heap settings. */
export const START_NODE_FLAGS = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

/**
 * bench/serve.ts in a child process (bare or portal), once it says it is listening. The portal runs with
 * `npm start`'s node flags, and `nodeFlags` besides.
 */
export async function startServerProcess(kind: 'bare' | 'portal', env: Record<string, string | undefined>, nodeFlags: string[] = []): Promise<ServerProcess> {
  const flags = kind === 'portal' ? [...START_NODE_FLAGS, ...nodeFlags] : nodeFlags;
  const started = await spawnNode([...flags, 'bench/serve.ts', kind], env, /LISTENING (\S+)/);
  return { url: started.match[1] ?? '', residentMegabytes: started.residentMegabytes, signal: started.signal, close: started.stop };
}

/** The lines in a (possibly large) file, read in chunks. */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>)
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  return lines;
}

/** The session ids there now: `sessionsCreatedSince` counts the rows added after them. */
export async function sessionIds(knex: Knex): Promise<string[]> {
  return (await knex('sessions').select<{ sid: string }[]>('sid')).map((row) => row.sid);
}

/**
 * The session rows added since `before` was taken: what an anonymous page view must never add to. Rows are
 * counted by id, not as a difference of totals — in a kept database (BENCH_DB_NAME) the portal's pruning removes
 * sessions of earlier runs as they expire, which made the difference negative.
 */
export async function sessionsCreatedSince(knex: Knex, before: string[]): Promise<number> {
  const [row] = await knex('sessions').whereRaw('sid <> all(?::text[])', [before]).count<{ count: string }[]>('* as count');
  return Number(row?.count);
}

/** A note proving the portal logged while it was measured: the lines in its log file. */
export async function loggingNote(): Promise<string> {
  return `The portal logged at LOG_LEVEL=info to a file through its own logger, as deployed: ${(await countLines(BENCH_LOG_FILE)).toLocaleString('en')} lines written during the run.`;
}
