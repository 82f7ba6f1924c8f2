import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { TEST_ENV } from '../support/app.ts';
import { csrfTokenFrom } from '../support/browser.ts';
import { ROOT, scratchDatabase, testDatabase } from '../support/database.ts';
import { TEST_VAR_DIR } from '../support/env.ts';
import { readRunningPortal } from '../../src/db/instance.ts';
import { startServerProcess } from '../support/server-process.ts';
import { waitFor } from '../support/wait.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster removes its pid file a moment before the process ends. */
function gone(pid: number): Promise<boolean> {
  return waitFor(() => !isAlive(pid), `process ${String(pid)} to end`, 5_000, 100).then(
    () => true,
    () => false,
  );
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the server process', () => {
  it('exits with code 1 naming each invalid variable', async () => {
    const server = await startServerProcess({ ...TEST_ENV, PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: testDatabase().url });
    const { code } = await server.exited;
    expect(code).to.equal(1);
    expect(server.output()).to.include('PORT:');
    expect(server.output()).to.include('LOG_LEVEL:');
    expect(server.output()).not.to.match(/at .*\.ts:\d+/);
  });

  it('on SIGTERM stops accepting connections, finishes the request in flight, and exits cleanly', async () => {
    const server = await startServerProcess({ ...TEST_ENV, DATABASE_URL: testDatabase().url });
    await server.waitFor('Ukuk is ready');

    // A request whose body is still arriving when the signal comes.
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('utf8')));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    const body = 'field=value';
    // "Expect: 100-continue": the server answers "100 Continue" once the request is in its hands — in flight.
    socket.write(
      `POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await waitFor(() => response.startsWith('HTTP/1.1 100 Continue\r\n\r\n'), 'the server to take the request');
    socket.write(body.slice(0, 'field'.length));

    server.child.kill('SIGTERM');
    await server.waitFor('shutting down');
    expect(await connects(server.port), 'new connections are refused').to.be.false;

    socket.write(body.slice('field'.length));
    await ended;
    // It was answered (refused for want of a CSRF token), not cut off.
    expect(response.slice('HTTP/1.1 100 Continue\r\n\r\n'.length)).to.match(/^HTTP\/1\.1 403/);
    const { code } = await server.exited;
    expect(code).to.equal(0);
    expect(server.output()).to.include('"msg":"stopped"');
  });

  it('writes an access code to VAR_DIR/demo-credentials.txt that opens the demo cases it names', async () => {
    const scratch = await scratchDatabase();
    const server = await startServerProcess({ ...TEST_ENV, DATABASE_URL: scratch.url });
    try {
      await server.waitFor('Ukuk is ready');
      // The tests' servers keep their files apart from those of the developer's own `npm start` in var/.
      expect(server.varDir).not.to.equal(TEST_VAR_DIR);
      expect(readRunningPortal(TEST_VAR_DIR)?.pid).not.to.equal(server.child.pid);
      expect(readRunningPortal(server.varDir)?.pid).to.equal(server.child.pid);
      const credentials = await readFile(path.join(server.varDir, 'demo-credentials.txt'), 'utf8');
      const reference = /References: (\S+) …/.exec(credentials)?.[1] ?? '';
      const code = /Access code for every demo case: (.+)/.exec(credentials)?.[1] ?? '';
      const base = `http://127.0.0.1:${String(server.port)}`;
      const page = await fetch(`${base}/en/track`);
      const cookie = page.headers
        .getSetCookie()
        .map((one) => one.split(';')[0])
        .join('; ');
      const signedIn = await fetch(`${base}/en/track`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
        body: new URLSearchParams({ _csrf: csrfTokenFrom(await page.text()), reference, accessCode: code }).toString(),
      });
      expect(signedIn.status, `${reference} with ${code}`).to.equal(303);
      expect(signedIn.headers.get('location')).to.equal('/en/track/case');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await scratch.drop();
    }
  });

  it('without DATABASE_URL runs its own PostgreSQL under VAR_DIR, reuses it, and leaves no process behind', async function () {
    this.timeout(300_000);
    const varDir = path.join(ROOT, 'var', `test-embedded-${process.pid}`);
    const pidFile = path.join(varDir, 'pgdata', 'postmaster.pid');
    try {
      const first = await startServerProcess({ ...TEST_ENV, VAR_DIR: varDir, DATABASE_URL: undefined });
      await first.waitFor('Ukuk is ready', 90_000);
      expect(first.output()).to.include('Initialising a PostgreSQL cluster');
      expect(first.output()).to.match(/Embedded PostgreSQL listening on 127\.0\.0\.1:(?!5432\b)\d+/);
      const response = await fetch(`http://127.0.0.1:${first.port}/readyz`);
      expect(response.status).to.equal(200);
      const postmasterPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      expect(isAlive(postmasterPid)).to.be.true;

      first.child.kill('SIGINT');
      expect((await first.exited).code).to.equal(0);
      expect(existsSync(pidFile), 'postmaster.pid removed').to.be.false;
      expect(await gone(postmasterPid), 'no orphaned postgres').to.be.true;

      const second = await startServerProcess({ ...TEST_ENV, VAR_DIR: varDir, DATABASE_URL: undefined });
      await second.waitFor('Ukuk is ready', 60_000);
      expect(second.output()).not.to.include('Initialising');
      second.child.kill('SIGTERM');
      expect((await second.exited).code).to.equal(0);
      expect(existsSync(pidFile)).to.be.false;
    } finally {
      await rm(varDir, { recursive: true, force: true });
    }
  });
});
