/**
 * Keeps the embedded PostgreSQL from outliving the process that started it. A graceful stop stops the cluster
 * itself; a process that is killed (SIGKILL, the OOM killer) cannot, so a tiny watchdog does it instead: a
 * shell in its own session (Ctrl-C and a kill of the portal's process group do not reach it) that reads a pipe
 * from the portal. Only the portal holds the pipe's other end, and the kernel closes it however the portal
 * ends, so the watchdog learns at once — no polling, no pid that could be reused — and stops the cluster with
 * `pg_ctl stop -m fast`, unless the postmaster it watched has gone already (stopped, or replaced by a newer one).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';

// $1 pg_ctl, $2 data directory, $3 the postmaster's pid. `read` returns at end of file: when the portal is gone.
const WATCHDOG = [
  'while read -r _; do :; done',
  'if [ "$(head -n 1 "$2/postmaster.pid" 2>/dev/null)" = "$3" ]; then exec "$1" stop -D "$2" -m fast -w -t 60; fi',
].join('\n');

/** Whether a process exists (one of another user counts: signalling it is refused, not impossible). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is a PostgreSQL server process. A postmaster.pid left by a killed server may name a pid that a
 * later process was given (containers count pids from 1 again on every start), which pg_ctl takes for a running
 * server. Linux tells the two apart; elsewhere pg_ctl's answer stands.
 */
export async function isPostgresProcess(pid: number): Promise<boolean> {
  if (!existsSync('/proc/self/comm')) return processAlive(pid);
  try {
    return (await readFile(`/proc/${String(pid)}/comm`, 'utf8')).trim() === 'postgres';
  } catch {
    return false;
  }
}

/**
 * Starts the watchdog of the cluster in `dataDir`, whose postmaster is `postmasterPid`; it runs as `owner`
 * (the cluster's user, when we are root: pg_ctl refuses to run as root).
 */
export function startClusterWatchdog(
  pgCtl: string,
  dataDir: string,
  postmasterPid: number,
  owner: { uid: number; gid: number } | undefined,
  onError: (error: Error) => void,
): void {
  const watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'ukuk-postgres-watchdog', pgCtl, dataDir, String(postmasterPid)], {
    ...(owner ?? {}),
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' },
  });
  watchdog.on('error', onError);
  // Neither the watchdog nor our end of its pipe keeps this process's event loop alive.
  watchdog.unref();
  // The pipe is a net.Socket, typed as a plain Writable.
  (watchdog.stdin as { unref?(): void } | null)?.unref?.();
}
