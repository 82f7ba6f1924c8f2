/**
 * Rate limits (express-rate-limit). One process keeps counters in memory; several instances share them in
 * PostgreSQL (RATE_LIMIT_STORE=postgres) so a limit holds across the whole site. A refusal goes to the
 * error handler, which answers with the translated 429 page.
 */
import { createHash, createHmac } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import rateLimit, { ipKeyGenerator, type IncrementResponse, type Options, type RateLimitInfo, type Store } from 'express-rate-limit';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { countHit, deleteEndedWindows, resetHits, uncountHit } from '../db/rate-limit-repository.ts';
import { PackedMemoryStore } from './packed-memory-store.ts';

class PostgresStore implements Store {
  private windowMs = 60_000;
  readonly prefix: string;
  private readonly knex: Knex;
  private readonly secret: string;

  constructor(knex: Knex, prefix: string, secret: string) {
    this.knex = knex;
    this.prefix = prefix;
    this.secret = secret;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /** Client keys are IP addresses: only a keyed hash reaches the database. */
  private hashed(key: string): string {
    return createHmac('sha256', this.secret).update(`${this.prefix}:${key}`).digest('hex');
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { hits, resetsAt } = await countHit(this.knex, this.hashed(key), this.windowMs);
    return { totalHits: hits, resetTime: resetsAt };
  }

  async decrement(key: string): Promise<void> {
    await uncountHit(this.knex, this.hashed(key));
  }

  async resetKey(key: string): Promise<void> {
    await resetHits(this.knex, this.hashed(key));
  }
}

interface LimitRule {
  /** Names the counter (and the audit/log code when it refuses). */
  name: string;
  windowMs: number;
  limit: number;
  /** Only count requests this returns true for (default: all). */
  when?: (req: Request) => boolean;
  /** Count only refused requests (status 400 and above): sign-in failures, not sign-ins. */
  skipSuccessful?: boolean;
  /** What to count per (default: the client IP, IPv6 grouped by /56 — see clientKey). */
  key?: (req: Request) => string;
  /** Where the count is left on the request for later middleware (see limitInfo); default: not kept. */
  property?: string;
  /** Count in this process's memory even when counters are shared (requests that must write nothing, GETs). */
  local?: boolean;
  /** Called for each refused request before it is answered (e.g. to alert staff). */
  onRefused?: (req: Request) => Promise<void>;
}

/** The client's address as the limiters count it (IPv6 grouped by /56), for keys that combine it with something else. */
export function clientKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

/** What a rule with `property` counted for this request. */
export function limitInfo(req: Request, property: string): RateLimitInfo | undefined {
  return (req as unknown as Record<string, RateLimitInfo | undefined>)[property];
}

/**
 * A limit counted in this process's memory, usable before Express (the front door): `count` counts one request of
 * a client address as the middleware would, and gives the RateLimit headers the middleware would set, or
 * `refused` — then nothing is counted, and the request is left to the middleware, which counts and refuses it.
 */
export interface LocalLimit {
  handler: RequestHandler;
  count(address: string): { refused: true } | { refused: false; headers: string[] };
}

export interface RateLimiter {
  limit(rule: LimitRule): RequestHandler;
  local(rule: Omit<LimitRule, 'local' | 'key' | 'property' | 'skipSuccessful' | 'onRefused'>): LocalLimit;
  /** Removes ended windows from the shared table (scheduled cleanup). */
  prune(): Promise<number>;
}

/** The IETF draft-8 headers express-rate-limit sets (`standardHeaders: 'draft-8'`), for a count made without it. */
function draft8Headers(name: string, key: string, limit: number, windowMs: number, used: number, resetTime: Date | undefined): string[] {
  const reset = resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
  const partition = Buffer.from(createHash('sha256').update(key).digest('hex').slice(0, 12)).toString('base64');
  return [
    'ratelimit',
    `"${name}"; r=${String(Math.max(limit - used, 0))}; t=${String(reset)}`,
    'ratelimit-policy',
    `"${name}"; q=${String(limit)}; w=${String(Math.ceil(windowMs / 1000))}; pk=:${partition}:`,
  ];
}

export function createRateLimiter(options: { store: 'memory' | 'postgres'; knex: Knex; secret: string }): RateLimiter {
  const limit = (rule: LimitRule, memory?: Store) =>
    rateLimit({
      windowMs: rule.windowMs,
      limit: rule.limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      identifier: rule.name,
      // Forwarding headers without TRUST_PROXY are the proxy guard's (http/proxy-guard.ts): logged through the
      // portal's logger, and refused in production. The library's own check would print a stack on stderr as well.
      validate: { xForwardedForHeader: false },
      ...(rule.key ? { keyGenerator: rule.key } : {}),
      ...(rule.property ? { requestPropertyName: rule.property } : {}),
      skip: rule.when ? (req) => !rule.when?.(req) : undefined,
      skipSuccessfulRequests: rule.skipSuccessful ?? false,
      store: memory ?? (options.store === 'postgres' && !rule.local ? new PostgresStore(options.knex, rule.name, options.secret) : new PackedMemoryStore()),
      // Every refusal reaches the security audit, which counts them per client and window (one event each).
      handler: (req: Request, _res: Response, next: NextFunction) => {
        const refused = createHttpError(429, 'rate limit reached', { code: 'ERATELIMIT', limiter: rule.name });
        if (!rule.onRefused) {
          next(refused);
          return;
        }
        rule.onRefused(req).then(() => next(refused), next);
      },
    });
  return {
    limit: (rule) => limit(rule),
    local(rule) {
      const store = new PackedMemoryStore();
      const handler = limit({ ...rule, local: true }, store);
      return {
        handler,
        count(address) {
          const key = ipKeyGenerator(address);
          const { totalHits, resetTime } = store.increment(key);
          if (totalHits > rule.limit) {
            store.decrement(key);
            return { refused: true };
          }
          return { refused: false, headers: draft8Headers(rule.name, key, rule.limit, rule.windowMs, totalHits, resetTime) };
        },
      };
    },
    prune: () => (options.store === 'postgres' ? deleteEndedWindows(options.knex) : Promise.resolve(0)),
  };
}
