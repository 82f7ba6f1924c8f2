/**
 * How the portal stops (issue 19, "Stopping"): SIGTERM under load within 5 seconds, finishing the requests in
 * flight and closing keep-alive connections.
 */
import http from 'node:http';
import net from 'node:net';
import { expect } from 'chai';
import { TEST_ENV } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
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
