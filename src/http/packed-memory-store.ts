/**
 * Rate-limit counters kept in this process's memory (an express-rate-limit store), one number per client.
 * express-rate-limit's own MemoryStore keeps an object and a Date for each client, some 190 bytes; the limit
 * on form-page GETs counts every address that opens a form in its ten minutes — tens of thousands on a busy
 * day, 65,536 in the bench — so those bytes were 12 MB a limiter. Here a client is one number: the second its
 * window began (since the store was made) and its hits, packed into a double (a 16-byte heap number). A window
 * kept to the second may end up to a second early.
 *
 * The rest is MemoryStore's behaviour: a client's window begins at its first request and lasts `windowMs`;
 * clients are kept in two maps, the one in use and the one before it, and every `windowMs` the older map (whose
 * clients all sent nothing for a whole window, so their windows ended) is dropped whole.
 */
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';

/** Hits are counted up to this many less one, far beyond any limit this store is given (checked in init). */
const HIT_SLOTS = 65_536;

interface Client {
  /** Seconds after the store was made. */
  began: number;
  hits: number;
}

export class PackedMemoryStore implements Store {
  readonly localKeys = true;
  private windowMs = 60_000;
  private previous = new Map<string, number>();
  private current = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly madeAt: number;

  constructor(now: () => number = Date.now) {
    this.now = now;
    this.madeAt = now();
  }

  init(options: Options): void {
    if (typeof options.limit !== 'number' || options.limit >= HIT_SLOTS - 1) throw new Error(`a packed store counts up to ${String(HIT_SLOTS - 2)} hits`);
    this.windowMs = options.windowMs;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.dropEnded(), this.windowMs);
    this.timer.unref();
  }

  /** Every client in the older map sent nothing for a whole window: all their windows have ended. */
  dropEnded(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const client = this.read(key);
    return client && !this.ended(client) ? this.info(client) : undefined;
  }

  increment(key: string): IncrementResponse {
    const kept = this.read(key);
    const client = kept && !this.ended(kept) ? kept : { began: this.second(), hits: 0 };
    client.hits = Math.min(client.hits + 1, HIT_SLOTS - 1);
    this.write(key, client);
    return this.info(client);
  }

  decrement(key: string): void {
    const client = this.read(key);
    if (!client || client.hits === 0) return;
    client.hits--;
    this.write(key, client);
  }

  resetKey(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  resetAll(): void {
    this.current.clear();
    this.previous.clear();
  }

  /** The clients held (both maps). */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  shutdown(): void {
    clearInterval(this.timer);
    this.resetAll();
  }

  private second(): number {
    return Math.floor((this.now() - this.madeAt) / 1000);
  }

  private ended(client: Client): boolean {
    return this.resetAt(client) <= this.now();
  }

  private resetAt(client: Client): number {
    return this.madeAt + client.began * 1000 + this.windowMs;
  }

  private info(client: Client): ClientRateLimitInfo {
    return { totalHits: client.hits, resetTime: new Date(this.resetAt(client)) };
  }

  private read(key: string): Client | undefined {
    const packed = this.current.get(key) ?? this.previous.get(key);
    return packed === undefined ? undefined : { began: Math.floor(packed / HIT_SLOTS), hits: packed % HIT_SLOTS };
  }

  /** Into the map in use: a client that sends a request stays for this window and the next. */
  private write(key: string, client: Client): void {
    this.previous.delete(key);
    this.current.set(key, client.began * HIT_SLOTS + client.hits);
  }
}
