/**
 * How the portal stops (issue 19, "Stopping"): SIGTERM under load within 5 seconds, finishing the requests in
 * flight and closing keep-alive connections; and, when it is killed instead, its embedded PostgreSQL does not
 * outlive it and the next start works.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { TEST_ENV } from '../support/app.ts';
import { ROOT, testDatabase } from '../support/database.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { waitFor } from '../support/wait.ts';

/** A raw connection that has sent `head` (an unfinished request) and collects what comes back. */
async function openRequest(port: number, head: string): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(head);
  return { socket, received: () => received, closed };
}

/** A keep-alive connection that has had its answer and now waits, idle, for a next request that never comes. */
async function idleKeepAlive(port: number): Promise<{ closed: Promise<void> }> {
  const connection = await openRequest(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await waitFor(() => /^HTTP\/1\.1 200 [\s\S]*\r\n\r\n\S/.test(connection.received()), 'the keep-alive answer');
  return { closed: connection.closed };
}

function get(port: number, path: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Clients sending requests back to back, each on its keep-alive connection, until the server stops answering. */
function startLoad(port: number, clients: number): { statuses: number[]; ended: Promise<unknown> } {
  const statuses: number[] = [];
  const loops = Array.from({ length: clients }, async (_, index) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (;;) statuses.push(await get(port, index % 2 ? '/readyz' : '/healthz', agent));
    } catch {
      // Refused, or reset on a connection the server closed between two requests: the server has stopped.
    } finally {
      agent.destroy();
    }
  });
  return { statuses, ended: Promise.all(loops) };
}

async function stopped(server: ServerProcess, signalledAt: number): Promise<{ code: number | null; ms: number }> {
  const { code } = await server.exited;
  return { code, ms: performance.now() - signalledAt };
}

describe('stopping the portal', () => {
  it('on SIGTERM under load answers the requests in flight, closes keep-alive connections and exits within 5 s', async () => {
    const server = await startServerProcess({ ...TEST_ENV, DATABASE_URL: testDatabase().url });
    await server.waitFor('Ukuk is ready');
    const idle = await Promise.all(Array.from({ length: 4 }, () => idleKeepAlive(server.port)));
    // In flight when the signal comes: its headers are still arriving.
    const slow = await openRequest(server.port, 'GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const load = startLoad(server.port, 8);
    await waitFor(() => load.statuses.length >= 200, 'the load to run');

    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    await server.waitFor('shutting down');
    slow.socket.write('\r\n');
    const { code, ms } = await stopped(server, signalledAt);
    await Promise.all([slow.closed, ...idle.map((connection) => connection.closed), load.ended]);

    expect(code).to.equal(0);
    expect(ms, 'milliseconds from SIGTERM to exit').to.be.below(5_000);
    expect(slow.received()).to.match(/^HTTP\/1\.1 200 /);
    expect(slow.received(), 'the last answer closes its connection').to.match(/\r\nconnection: close\r\n/i);
    expect(load.statuses.filter((status) => status !== 200)).to.deep.equal([]);
    // Nothing had to be cut off: the idle connections were closed, not left until the deadline.
    expect(server.output()).not.to.include('requests still in flight');
    expect(server.output()).to.include('"msg":"stopped"');
  });

  it('closes a request its client never finishes at the deadline and still exits 0 within 5 s', async () => {
    const server = await startServerProcess({ ...TEST_ENV, DATABASE_URL: testDatabase().url });
    await server.waitFor('Ukuk is ready');
    // "Expect: 100-continue": the server answers "100 Continue" once the request is in its hands; the body never comes.
    const stalled = await openRequest(
      server.port,
      'POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n',
    );
    await waitFor(() => stalled.received().startsWith('HTTP/1.1 100 Continue\r\n\r\n'), 'the server to take the request');

    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    const { code, ms } = await stopped(server, signalledAt);
    await stalled.closed;

    expect(code).to.equal(0);
    expect(ms, 'milliseconds from SIGTERM to exit').to.be.below(5_000);
    expect(stalled.received(), 'cut off, not answered').to.equal('HTTP/1.1 100 Continue\r\n\r\n');
    expect(server.output()).to.include('requests still in flight');
  });
});

/** Every process whose command line names `text` (Linux): a cluster's postmaster and watchdog name its directory. */
function processesNaming(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded PostgreSQL of a portal that is killed', () => {
  it('stops within seconds, and the next start works, even after its watchdog was killed too', async function () {
    this.timeout(300_000);
    const varDir = path.join(ROOT, 'var', `test-killed-${String(process.pid)}`);
    const dataDir = path.join(varDir, 'pgdata');
    const env = { ...TEST_ENV, VAR_DIR: varDir, DATABASE_URL: undefined };
    const started: ServerProcess[] = [];
    const start = async (): Promise<ServerProcess> => {
      const server = await startServerProcess(env);
      started.push(server);
      await server.waitFor('Ukuk is ready', 120_000);
      expect((await fetch(`http://127.0.0.1:${String(server.port)}/readyz`)).status).to.equal(200);
      return server;
    };
    try {
      const first = await start();
      const firstPostmaster = postmasterPid(dataDir);
      first.child.kill('SIGKILL');
      await first.exited;
      await waitFor(() => !isAlive(firstPostmaster) && processesNaming(dataDir).length === 0, 'the cluster and its watchdog to end', 30_000, 100);
      expect(existsSync(path.join(dataDir, 'postmaster.pid')), 'postmaster.pid removed').to.be.false;

      // Started again on the same VAR_DIR; then its watchdog is killed first, so the server is left running.
      const second = await start();
      expect(second.output()).not.to.include('Initialising');
      const secondPostmaster = postmasterPid(dataDir);
      const watchdogs = processesNaming(dataDir).filter((pid) => pid !== secondPostmaster);
      expect(watchdogs).to.have.length(1);
      for (const pid of watchdogs) process.kill(pid, 'SIGKILL');
      await waitFor(() => processesNaming(dataDir).length === 1, 'the watchdog to end');
      second.child.kill('SIGKILL');
      await second.exited;
      expect(isAlive(secondPostmaster), 'the server outlives a portal without a watchdog').to.be.true;

      const third = await start();
      expect(third.output()).to.include('Restarting the embedded PostgreSQL left running');
      const thirdPostmaster = postmasterPid(dataDir);
      expect(thirdPostmaster, 'a server of its own, not the one left running').not.to.equal(secondPostmaster);
      // The postmaster removes its pid file a moment before the process ends.
      await waitFor(() => !isAlive(secondPostmaster), 'the server left running to end', 30_000, 100);
      third.child.kill('SIGTERM');
      expect((await third.exited).code).to.equal(0);
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).to.be.false;
      await waitFor(() => !isAlive(thirdPostmaster) && processesNaming(dataDir).length === 0, 'nothing left running', 30_000, 100);
    } finally {
      for (const server of started) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      // Killed portals' watchdogs stop what is left; a server without one is stopped as pg_ctl would (fast).
      try {
        if (existsSync(path.join(dataDir, 'postmaster.pid'))) process.kill(postmasterPid(dataDir), 'SIGINT');
      } catch {
        // already gone
      }
      await waitFor(() => processesNaming(dataDir).length === 0, 'the cluster to end', 30_000, 100).catch(() => undefined);
      await rm(varDir, { recursive: true, force: true });
    }
  });
});
