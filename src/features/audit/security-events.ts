/**
 * Requests the portal refused for security reasons, recorded in the audit trail as `security.*` events —
 * without personal data: the client address only as a keyed hash, the path only when it is a plain path.
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import { pathOnly } from '../../http/logging.ts';
import type { Logger } from 'pino';
import { hashIp } from './canonical.ts';
import { recordAlone } from './service.ts';

const ACTIONS: Record<string, string> = {
  EBADCSRFTOKEN: 'security.csrf.rejected',
  ECROSSSITE: 'security.cross_site.rejected',
  ERATELIMIT: 'security.rate_limit.refused',
};

interface RefusalError {
  code?: unknown;
  limiter?: unknown;
  /** Rate limits: only the first refusal of a window is recorded, so a flood cannot flood the trail. */
  firstInWindow?: unknown;
}

function plainPath(path: string): string {
  // Single-use tokens in paths (set-up and reset links) are secrets: redacted as in the logs.
  const redacted = pathOnly(path).replace(/\[token\]/g, ':token');
  return /^[\w/.:-]{1,128}$/.test(redacted) ? redacted : 'unprintable';
}

export function createSecurityAudit(knex: Knex, secret: string, logger: Logger) {
  return async (req: Request, err: unknown): Promise<void> => {
    const { code, limiter, firstInWindow } = (err ?? {}) as RefusalError;
    const action = typeof code === 'string' ? ACTIONS[code] : undefined;
    if (!action || (code === 'ERATELIMIT' && firstInWindow !== true)) return;
    try {
      await recordAlone(knex, {
        actorType: 'system',
        action,
        requestId: typeof req.id === 'string' ? req.id : null,
        details: {
          method: req.method,
          path: plainPath(req.path),
          ipHash: hashIp(req.ip, secret),
          ...(typeof limiter === 'string' ? { limiter } : {}),
        },
      });
    } catch (error) {
      // The refusal itself must still be answered; the failure to record it is an operational error.
      logger.error({ err: error, action }, 'could not record a security event');
    }
  };
}
