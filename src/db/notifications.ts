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

/** One LISTEN connection: every use of it (connect, LISTEN) runs in order, one at a time. */
class Listener implements NotificationListener {
  readonly #connectionString: string;
  readonly #logger: Logger;
  readonly #callbacks = new Map<string, (() => void)[]>();
  #client: pg.Client | undefined;
  #closed = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  // ready() waits for the tail of the queue of connection tasks.
  #tail: Promise<void> = Promise.resolve();
  // Callers of ready() while the connection is down wait for the next successful connect (or close()).
  readonly #waiting: (() => void)[] = [];

  constructor(connectionString: string, logger: Logger) {
    this.#connectionString = connectionString;
    this.#logger = logger;
    void this.#enqueue(() => this.#connect());
  }

  on(channel: string, callback: () => void): void {
    if (!/^\w+$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
    const list = this.#callbacks.get(channel);
    if (list) {
      list.push(callback);
      return;
    }
    this.#callbacks.set(channel, [callback]);
    // Without a connection there is nothing to do now: the next connect listens on every channel.
    void this.#enqueue(async () => {
      await this.#client?.query(`listen "${channel}"`);
    }).catch((error: unknown) => this.#logger.warn({ err: error, channel }, 'could not listen on a channel'));
  }

  async ready(): Promise<void> {
    for (;;) {
      await this.#tail;
      if (this.#client || this.#closed) return;
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#wakeWaiting();
    await this.#tail;
    await this.#client?.end().catch(() => undefined);
    this.#client = undefined;
  }

  #isClosed(): boolean {
    return this.#closed;
  }

  #callAll(channel?: string): void {
    for (const [name, list] of this.#callbacks) if (!channel || name === channel) for (const callback of list) callback();
  }

  #wakeWaiting(): void {
    for (const wake of this.#waiting.splice(0)) wake();
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#tail.then(task);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const next = new pg.Client({ connectionString: this.#connectionString, application_name: 'ukuk-listener' });
    next.on('notification', (message) => this.#callAll(message.channel));
    next.on('error', (error) => {
      this.#logger.warn({ err: error }, 'notification connection lost');
      void next.end().catch(() => undefined);
      if (this.#client === next) {
        this.#client = undefined;
        this.#scheduleReconnect();
      }
    });
    try {
      await next.connect();
      for (const channel of this.#callbacks.keys()) await next.query(`listen "${channel}"`);
      // close() may have been called while connecting (a method call: the flag changes across the awaits).
      if (this.#isClosed()) {
        await next.end();
        return;
      }
      this.#client = next;
      if (this.#attempt > 0) this.#callAll();
      this.#attempt = 0;
      this.#wakeWaiting();
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not open the notification connection');
      await next.end().catch(() => undefined);
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    if (this.#closed) return;
    const delay = RETRY_MS[Math.min(this.#attempt, RETRY_MS.length - 1)] ?? 5000;
    this.#attempt++;
    this.#timer = setTimeout(() => void this.#enqueue(() => this.#connect()), delay);
    this.#timer.unref();
  }
}

export function createNotificationListener(connectionString: string, logger: Logger): NotificationListener {
  return new Listener(connectionString, logger);
}
