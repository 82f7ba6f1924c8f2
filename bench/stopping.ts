/**
 * SIGTERM under load: `npm start`'s portal, in production mode with its logging on, is sent SIGTERM while 32
 * clients keep it busy — and, in the second variant, while one more client is halfway through sending a form
 * it never finishes. The time to exit is measured (issue 19: within 5 seconds, exit code 0).
 */
import net from 'node:net';
import autocannon from 'autocannon';
import { PRODUCTION_ENV, spawnNode, START_NODE_FLAGS } from './support.ts';

export interface StopMeasurement {
  /** Milliseconds from SIGTERM to the process's exit. */
  ms: number;
  code: number | null;
  /** Responses received before the signal. */
  answered: number;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A form post whose body never comes, once the server has taken it ("100 Continue"). */
async function stalledRequest(port: string): Promise<net.Socket> {
  const socket = net.connect(Number(port), '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  socket.on('error', () => undefined);
  socket.write(
    'POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n',
  );
  await until(() => received.startsWith('HTTP/1.1 100 Continue'), '"100 Continue"');
  return socket;
}

export async function measureStopUnderLoad(databaseUrl: string, options: { stalled: boolean }): Promise<StopMeasurement> {
  const server = await spawnNode(
    [...START_NODE_FLAGS, 'src/server.ts'],
    { ...PRODUCTION_ENV, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'info' },
    /is ready at http:\/\/[^:]+:(\d+)/,
  );
  const port = server.match[1] ?? '';
  const stalled = options.stalled ? await stalledRequest(port) : undefined;
  let answered = 0;
  const load = autocannon({ url: `http://127.0.0.1:${port}/en/rights/right-of-access`, connections: 32, duration: 120 }, () => undefined);
  load.on('response', () => answered++);
  // Busy first: a few thousand answers, whatever this machine's speed.
  await until(() => answered >= 3_000, 'answers');
  const before = answered;
  const signalled = performance.now();
  await server.stop();
  const ms = performance.now() - signalled;
  load.stop();
  stalled?.destroy();
  return { ms, code: await server.exited, answered: before };
}
