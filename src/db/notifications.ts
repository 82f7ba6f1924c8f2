/**
 * LISTEN/NOTIFY on one dedicated connection per instance, so that a change made by any instance (or by a
 * seed run) reaches the in-process caches of all of them. The connection is re-opened after a failure; since
 * notifications sent meanwhile are lost, every listener is also called after a reconnect.
 */
import pg from 'pg';
import type { Logger } from 'pino';

export interface NotificationListener {
  on(channel: string, callback: () => void): void;
  close(): Promise<void>;
}

const RETRY_MS = [250, 500, 1000, 2000, 5000];

export function createNotificationListener(connectionString: string, logger: Logger): NotificationListener {
  const callbacks = new Map<string, (() => void)[]>();
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const isCurrent = (candidate: pg.Client): boolean => client === candidate;
  const isClosed = (): boolean => closed;
  const callAll = (channel?: string): void => {
    for (const [name, list] of callbacks) if (!channel || name === channel) for (const callback of list) callback();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString, application_name: 'ukuk-listener' });
    next.on('notification', (message) => callAll(message.channel));
    next.on('error', (error) => {
      logger.warn({ err: error }, 'notification connection lost');
      void next.end().catch(() => undefined);
      if (isCurrent(next)) {
        client = undefined;
        scheduleReconnect();
      }
    });
    try {
      await next.connect();
      for (const channel of callbacks.keys()) await next.query(`listen "${channel}"`);
      // close() may have been called while connecting.
      if (isClosed()) {
        await next.end();
        return;
      }
      client = next;
      if (attempt > 0) callAll();
      attempt = 0;
    } catch (error) {
      logger.warn({ err: error }, 'could not open the notification connection');
      await next.end().catch(() => undefined);
      scheduleReconnect();
    }
  }

  function scheduleReconnect(): void {
    if (closed) return;
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 5000;
    attempt++;
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
  }

  const ready = connect();

  return {
    on(channel, callback) {
      if (!/^\w+$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
      const list = callbacks.get(channel);
      if (list) {
        list.push(callback);
        return;
      }
      callbacks.set(channel, [callback]);
      void ready.then(() => client?.query(`listen "${channel}"`)).catch(() => undefined);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await ready;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
