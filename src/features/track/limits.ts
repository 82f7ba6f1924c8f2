/**
 * How often the case space may be tried. Wrong codes are throttled per address, per reference and address — so
 * nobody can lock a citizen out of their case from their own address — and, more slowly, per reference from
 * all addresses together (then sign-in to that case pauses and supervisors are alerted).
 */
import type { Request, RequestHandler } from 'express';
import { requestId } from '../../http/logging.ts';
import { clientKey, limitInfo } from '../../http/rate-limit.ts';
import { normaliseReference } from '../cases/reference.ts';
import { alertSignInPaused } from '../cases/sign-in-alert.ts';
import type { TrackDeps } from './deps.ts';

const REFERENCE_WINDOW_MS = 60 * 60 * 1000;

/** The typed reference in normal form, or undefined when it cannot be one. */
function typedReference(req: Request): string | undefined {
  const reference: unknown = (req.body as Record<string, unknown> | undefined)?.reference;
  return typeof reference === 'string' ? normaliseReference(reference) : undefined;
}

interface TrackLimits {
  perAddress: RequestHandler;
  perReferenceAndAddress: RequestHandler;
  perReference: RequestHandler;
  lostCode: RequestHandler;
}

/** Wrong codes for one real reference from every address together: reaching the cap pauses that case's sign-in. */
function perReferenceLimit(deps: TrackDeps): RequestHandler {
  // Far above what a citizen types, far below what guessing 83 bits would need; the pause lasts the rest of the
  // hour. A paused case tells the supervisors (once per case and window, whichever instance refuses first).
  return deps.limiter.limit({
    name: 'track-sign-in-case',
    windowMs: REFERENCE_WINDOW_MS,
    limit: deps.signInCap,
    skipSuccessful: true,
    when: (req) => typedReference(req) !== undefined,
    key: (req) => typedReference(req) ?? 'malformed',
    property: 'caseSignIns',
    onRefused: async (req) => {
      const info = limitInfo(req, 'caseSignIns');
      const reference = typedReference(req);
      if (!info?.resetTime || !reference) return;
      const windowEnd = info.resetTime;
      await alertSignInPaused(deps, {
        reference,
        failures: info.limit,
        windowStart: new Date(windowEnd.getTime() - REFERENCE_WINDOW_MS),
        windowEnd,
        requestId: requestId(req),
      });
    },
  });
}

export function trackLimits(deps: TrackDeps): TrackLimits {
  return {
    perAddress: deps.limiter.limit({ name: 'track-sign-in-ip', windowMs: 15 * 60 * 1000, limit: 20 }),
    // Wrong codes for one reference from one address. A malformed reference counts only against its sender,
    // never in a counter shared with real references or with other addresses.
    perReferenceAndAddress: deps.limiter.limit({
      name: 'track-sign-in-reference',
      windowMs: 15 * 60 * 1000,
      limit: 10,
      skipSuccessful: true,
      key: (req) => `${typedReference(req) ?? 'malformed'}|${clientKey(req)}`,
    }),
    perReference: perReferenceLimit(deps),
    lostCode: deps.limiter.limit({ name: 'track-lost-code', windowMs: 60 * 60 * 1000, limit: 10 }),
  };
}
