import net from 'node:net';
import { createNotificationListener } from '../../src/db/notifications.ts';
import { testLogger } from '../support/app.ts';
import { testDatabase } from '../support/database.ts';
import { waitFor } from '../support/wait.ts';

/**
 * PostgreSQL drops a notification for a session that is not listening yet: a cache that starts serving before
 * its LISTEN ran can keep a stale page until the next change. ready() is the moment from which nothing is lost.
 */
/**
 * A slow link to the database, as a busy machine makes it: every chunk the client sends reaches the server
 * `delayMs` later (answers come back at once). The listener's LISTEN is then still on its way when a
 * notification sent over a direct connection has already been delivered.
 */
async function slowLink(databaseUrl: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => setTimeout(() => upstream.write(chunk), delayMs));
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('the notification listener', () => {
  const notify = (channel: string) => testDatabase().knex.raw('select pg_notify(?, ?)', [channel, 'test']);

  it('hears a change announced the moment it reports ready, even over a slow link', async () => {
    const link = await slowLink(testDatabase().url, 150);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const listener = createNotificationListener(link.url, testLogger());
        try {
          let heard = 0;
          listener.on('listener_probe', () => heard++);
          await listener.ready();
          await notify('listener_probe');
          await waitFor(() => heard > 0, `the notification, attempt ${String(attempt + 1)}`, 5_000);
        } finally {
          await listener.close();
        }
      }
    } finally {
      await link.close();
    }
  });

  it('listens on a channel added after it was ready once ready() resolves again', async () => {
    const listener = createNotificationListener(testDatabase().url, testLogger());
    try {
      await listener.ready();
      let heard = 0;
      listener.on('listener_probe_late', () => heard++);
      await listener.ready();
      await notify('listener_probe_late');
      await waitFor(() => heard > 0, 'the notification on the channel added late', 5_000);
    } finally {
      await listener.close();
    }
  });

  it('reports ready after close() instead of waiting for a connection forever', async () => {
    const listener = createNotificationListener('postgres://nobody@127.0.0.1:1/none', testLogger());
    const ready = listener.ready();
    await listener.close();
    await ready;
  });
});
