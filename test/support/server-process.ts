/** Runs `node src/server.ts` as a real child process, the way `npm start` does, and watches its log. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import { ROOT } from './database.ts';
import { TEST_VAR_DIR } from './env.ts';

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Where it keeps its running-portal file, demo credentials, e-mails and text messages. */
  varDir: string;
  output(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A port the child will listen on seconds later (after its migrations and seeds): one free now, below the range
 * the system hands out as the source port of outgoing connections (32768–60999 on Linux). A port from that
 * range was taken meanwhile by a test's connection to PostgreSQL (EADDRINUSE in CI). Tried in random order, so
 * that the test processes running side by side do not all try the same one first.
 */
function listeningPorts(): number[] {
  return Array.from({ length: 20 }, () => 20_000 + randomInt(10_000));
}

/**
 * A server started with the tests' VAR_DIR (the project's var/, which `npm start` uses too) gets a directory of
 * its own instead, removed when it exits: in var/ it would write its running-portal file over that of the
 * developer's portal, and demo credentials for a test database over the ones `npm start` printed. A test that
 * names another VAR_DIR (an embedded database of its own) keeps it.
 */
async function ownVarDir(varDir: string | undefined): Promise<{ dir: string; made: boolean }> {
  if (varDir !== undefined && path.resolve(varDir) !== TEST_VAR_DIR) return { dir: varDir, made: false };
  return { dir: await mkdtemp(path.join(tmpdir(), 'ukuk-server-')), made: true };
}

export async function startServerProcess(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = await getPort({ port: listeningPorts() });
  const varDir = await ownVarDir(env.VAR_DIR);
  // Only what the test names: DATABASE_URL: undefined really means "unset" in the child.
  const merged = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), ...env, VAR_DIR: varDir.dir };
  const childEnv = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const child = spawn(process.execPath, ['src/server.ts'], { cwd: ROOT, env: childEnv });
  let text = '';
  const waiters: (() => void)[] = [];
  const collect = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const check of waiters.splice(0)) check();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      const removed = varDir.made ? rm(varDir.dir, { recursive: true, force: true }) : Promise.resolve();
      void removed.catch(() => undefined).then(() => resolve({ code, signal }));
      for (const check of waiters.splice(0)) check();
    });
  });
  return {
    child,
    port,
    varDir: varDir.dir,
    output: () => text,
    // Generous: a busy CI machine can take long to start a process; the wait ends as soon as the line appears.
    waitFor(expected, timeoutMs = 120_000) {
      const matches = (): boolean => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(expected)}; output:\n${text}`)), timeoutMs);
        const check = (): void => {
          if (matches()) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`server exited (${child.exitCode}) before ${String(expected)}; output:\n${text}`));
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    },
    exited,
  };
}
