/**
 * Requests the portal refused for security reasons (a bad CSRF token, a cross-site request, a rate limit),
 * recorded in the audit trail as `security.*` events — without personal data: the client address only as a
 * keyed hash, the path only when it is a plain path.
 *
 * A flood must not flood the trail: refusals are counted per kind, client (and limiter) and ten-minute
 * window, and each window becomes one event with its count when it ends (`flushSecurityEvents`, every minute).
 * The event keeps the request id, method and path of the window's first refusal.
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import { pathOnly } from '../../http/logging.ts';
import type { Logger } from 'pino';
import { hashIp } from './canonical.ts';
import { claimAlert, countRefusals, deleteOldAlerts, takeEndedWindows, type RefusalWindow } from './security-repository.ts';
import { record } from './service.ts';

export const SECURITY_WINDOW_MS = 10 * 60 * 1000;

const ACTIONS: Record<string, string> = {
  EBADCSRFTOKEN: 'security.csrf.rejected',
  ECROSSSITE: 'security.cross_site.rejected',
  ERATELIMIT: 'security.rate_limit.refused',
};

interface RefusalError {
  code?: unknown;
  limiter?: unknown;
}

function plainPath(path: string): string {
  // Single-use tokens in paths (set-up and reset links) are secrets: redacted as in the logs.
  const redacted = pathOnly(path).replace(/\[token\]/g, ':token');
  return /^[\w/.:-]{1,128}$/.test(redacted) ? redacted : 'unprintable';
}

/** The window a moment falls in (windows are aligned, so every instance counts in the same ones). */
function securityWindow(now: number): { start: Date; end: Date } {
  const start = Math.floor(now / SECURITY_WINDOW_MS) * SECURITY_WINDOW_MS;
  return { start: new Date(start), end: new Date(start + SECURITY_WINDOW_MS) };
}

interface Batch {
  refusal: Omit<RefusalWindow, 'count'>;
  count: number;
  written: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function newBatch(refusal: Omit<RefusalWindow, 'count'>): Batch {
  const settlers: Pick<Batch, 'resolve' | 'reject'> = { resolve: () => undefined, reject: () => undefined };
  const written = new Promise<void>((resolve, reject) => Object.assign(settlers, { resolve, reject }));
  return { refusal, count: 0, written, ...settlers };
}

/**
 * Writes the counts of one instance's refusals with at most one write in flight per kind, client and window:
 * the refusals that arrive while it runs are added up and written together next. A flood from one address then
 * costs a write per round trip, not per request, and does not queue on the row's lock. Each refusal's promise
 * resolves once a write that includes it is done, so a refused request is answered only after it is counted.
 */
function coalescingCounter(knex: Knex): (refusal: Omit<RefusalWindow, 'count'>) => Promise<void> {
  const waiting = new Map<string, Batch>();
  const writing = new Set<string>();
  const drain = async (key: string): Promise<void> => {
    writing.add(key);
    for (let batch = waiting.get(key); batch; batch = waiting.get(key)) {
      waiting.delete(key);
      const { resolve, reject } = batch;
      await countRefusals(knex, batch.refusal, batch.count).then(() => resolve(), reject);
    }
    writing.delete(key);
  };
  return (refusal) => {
    const key = `${refusal.action}|${refusal.clientKey}|${String(refusal.windowStart.getTime())}`;
    const batch = waiting.get(key) ?? newBatch(refusal);
    waiting.set(key, batch);
    batch.count++;
    if (!writing.has(key)) void drain(key);
    return batch.written;
  };
}

export function createSecurityAudit(knex: Knex, secret: string, logger: Logger, now: () => number = Date.now) {
  const count = coalescingCounter(knex);
  return async (req: Request, err: unknown): Promise<void> => {
    const { code, limiter } = (err ?? {}) as RefusalError;
    const action = typeof code === 'string' ? ACTIONS[code] : undefined;
    if (!action) return;
    const ipHash = hashIp(req.ip, secret) ?? 'unknown';
    const limiterName = typeof limiter === 'string' ? limiter : undefined;
    const window = securityWindow(now());
    try {
      await count({
        action,
        clientKey: limiterName ? `${ipHash}:${limiterName}`.slice(0, 64) : ipHash,
        windowStart: window.start,
        windowEnd: window.end,
        firstRequestId: typeof req.id === 'string' ? req.id.slice(0, 64) : null,
        details: { method: req.method, path: plainPath(req.path), ipHash, ...(limiterName ? { limiter: limiterName } : {}) },
      });
    } catch (error) {
      // The refusal itself must still be answered; the failure to count it is an operational error.
      logger.error({ err: error, action }, 'could not record a security event');
    }
  };
}

/**
 * Turns every window that has ended by `now` into one audit event with its count (and the first refusal's
 * request id, method and path). Safe on several instances at once: each window is taken by one of them.
 */
export async function flushSecurityEvents(knex: Knex, now: Date = new Date()): Promise<number> {
  let flushed = 0;
  for (;;) {
    const batch = await knex.transaction(async (trx) => {
      const windows = await takeEndedWindows(trx, now, 200);
      for (const window of windows) {
        await record(trx, {
          actorType: 'system',
          action: window.action,
          requestId: window.firstRequestId,
          details: { ...window.details, count: window.count, windowStart: window.windowStart.toISOString(), windowEnd: window.windowEnd.toISOString() },
        });
      }
      return windows.length;
    });
    flushed += batch;
    if (batch < 200) return flushed;
  }
}

/**
 * Claims the one alert allowed for this kind, subject and window, within the transaction that sends it;
 * false when it was already sent (by this instance or another).
 */
export function claimSecurityAlert(trx: Knex.Transaction, kind: string, subject: string, windowStart: Date): Promise<boolean> {
  return claimAlert(trx, kind, subject, windowStart);
}

/** Forgets alert markers older than `days` (their windows ended long ago). */
export function forgetOldAlerts(knex: Knex, days: number): Promise<number> {
  return deleteOldAlerts(knex, days);
}
