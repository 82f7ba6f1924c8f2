/**
 * LISTEN/NOTIFY on one dedicated connection per instance, so that a change made by any instance (or by a
 * seed run) reaches the in-process caches of all of them. The connection is re-opened after a failure; since
 * notifications sent meanwhile are lost, every listener is also called after a reconnect.
 *
 * PostgreSQL delivers a notification only to sessions that were already listening when it was sent, so a
 * LISTEN still on its way is a change lost for good. `ready()` is how a caller knows none is: the server
 * awaits it before it accepts requests, and so does every test that builds an app.
 */
import pg from 'pg';
import type { Logger } from 'pino';

export interface NotificationListener {
  on(channel: string, callback: () => void): void;
  /** Resolves once the connection is open and LISTEN has run for every channel registered so far. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const RETRY_MS = [250, 500, 1000, 2000, 5000];

export function createNotificationListener(connectionString: string, logger: Logger): NotificationListener {
  const callbacks = new Map<string, (() => void)[]>();
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  // Every use of the connection (connect, LISTEN) runs in this order, one at a time: ready() waits for the tail.
  let tail: Promise<void> = Promise.resolve();
  // Callers of ready() while the connection is down wait for the next successful connect (or close()).
  const waiting: (() => void)[] = [];

  const isCurrent = (candidate: pg.Client): boolean => client === candidate;
  const isClosed = (): boolean => closed;
  const callAll = (channel?: string): void => {
    for (const [name, list] of callbacks) if (!channel || name === channel) for (const callback of list) callback();
  };
  const wakeWaiting = (): void => {
    for (const wake of waiting.splice(0)) wake();
  };
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
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
      wakeWaiting();
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
    timer = setTimeout(() => void enqueue(connect), delay);
    timer.unref();
  }

  void enqueue(connect);

  return {
    on(channel, callback) {
      if (!/^\w+$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
      const list = callbacks.get(channel);
      if (list) {
        list.push(callback);
        return;
      }
      callbacks.set(channel, [callback]);
      // Without a connection there is nothing to do now: the next connect listens on every channel.
      void enqueue(async () => {
        await client?.query(`listen "${channel}"`);
      }).catch((error: unknown) => logger.warn({ err: error, channel }, 'could not listen on a channel'));
    },
    async ready() {
      for (;;) {
        await tail;
        if (client || closed) return;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      wakeWaiting();
      await tail;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
