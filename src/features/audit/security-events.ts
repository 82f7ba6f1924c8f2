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
import { claimAlert, countRefusal, deleteOldAlerts, takeEndedWindows } from './security-repository.ts';
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

export function createSecurityAudit(knex: Knex, secret: string, logger: Logger, now: () => number = Date.now) {
  return async (req: Request, err: unknown): Promise<void> => {
    const { code, limiter } = (err ?? {}) as RefusalError;
    const action = typeof code === 'string' ? ACTIONS[code] : undefined;
    if (!action) return;
    const ipHash = hashIp(req.ip, secret) ?? 'unknown';
    const limiterName = typeof limiter === 'string' ? limiter : undefined;
    const window = securityWindow(now());
    try {
      await countRefusal(knex, {
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
