/**
 * Rate limits (express-rate-limit). One process keeps counters in memory; several instances share them in
 * PostgreSQL (RATE_LIMIT_STORE=postgres) so a limit holds across the whole site. A refusal goes to the
 * error handler, which answers with the translated 429 page.
 */
import { createHmac } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import rateLimit, { type AugmentedRequest, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { countHit, deleteEndedWindows, resetHits, uncountHit } from '../db/rate-limit-repository.ts';

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

export interface LimitRule {
  /** Names the counter (and the audit/log code when it refuses). */
  name: string;
  windowMs: number;
  limit: number;
  /** Only count requests this returns true for (default: all). */
  when?: (req: Request) => boolean;
  /** Count only refused requests (status 400 and above): sign-in failures, not sign-ins. */
  skipSuccessful?: boolean;
  /** What to count per (default: the client IP, IPv6 grouped by /56). */
  key?: (req: Request) => string;
}

export interface RateLimiter {
  limit(rule: LimitRule): RequestHandler;
  /** Removes ended windows from the shared table (scheduled cleanup). */
  prune(): Promise<number>;
}

export function createRateLimiter(options: { store: 'memory' | 'postgres'; knex: Knex; secret: string }): RateLimiter {
  return {
    limit(rule) {
      return rateLimit({
        windowMs: rule.windowMs,
        limit: rule.limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        identifier: rule.name,
        ...(rule.key ? { keyGenerator: rule.key } : {}),
        skip: rule.when ? (req) => !rule.when?.(req) : undefined,
        skipSuccessfulRequests: rule.skipSuccessful ?? false,
        store: options.store === 'postgres' ? new PostgresStore(options.knex, rule.name, options.secret) : undefined,
        handler: (req: Request, _res: Response, next: NextFunction) => {
          const info = (req as AugmentedRequest).rateLimit;
          const firstInWindow = info !== undefined && info.used === info.limit + 1;
          next(createHttpError(429, 'rate limit reached', { code: 'ERATELIMIT', limiter: rule.name, firstInWindow }));
        },
      });
    },
    prune: () => (options.store === 'postgres' ? deleteEndedWindows(options.knex) : Promise.resolve(0)),
  };
}
