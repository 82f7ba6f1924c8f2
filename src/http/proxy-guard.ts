/**
 * Behind a reverse proxy the portal must be told so (TRUST_PROXY): otherwise every request seems to come from
 * the proxy's address — one rate-limit counter for the whole country, a "loopback" client for /metrics, no
 * HTTPS for HSTS and secure cookies. That cannot be seen at start, only when requests arrive: a request that
 * carries forwarding headers while TRUST_PROXY is unset shows the portal runs mis-configured.
 *
 * In production such a request is answered 503 with a message for the operator (and one error in the log
 * per five minutes), rather than served with the wrong client address. Only requests that carry the headers
 * are refused: a client adding them to a portal that really has no proxy in front only refuses itself.
 * Outside production the mistake is logged, and the request served.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip'] as const;
const LOG_EVERY_MS = 5 * 60 * 1000;

export const MISCONFIGURED_MESSAGE = [
  'Service unavailable: this portal is misconfigured.',
  'It is running behind a reverse proxy (the request carries X-Forwarded-For or Forwarded headers),',
  'but TRUST_PROXY is not set, so it cannot tell its clients apart.',
  'Operator: set TRUST_PROXY to the proxy (for example "loopback" or its subnet) and restart.',
  'See "Production deployment" in README.md.',
  '',
].join('\n');

/** Whether a request says it was relayed by a proxy. */
export function isForwarded(req: Request): boolean {
  return isForwardedHeaders(req.headers);
}

export function isForwardedHeaders(headers: IncomingHttpHeaders): boolean {
  return FORWARDING_HEADERS.some((name) => headers[name] !== undefined);
}

export function refuseUntrustedProxy(options: {
  production: boolean;
  trustProxy: boolean | number | string;
  logger: Logger;
  now?: () => number;
}): RequestHandler {
  if (options.trustProxy !== false) return (_req: Request, _res: Response, next: NextFunction) => next();
  const now = options.now ?? Date.now;
  let loggedAt = -Infinity;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isForwarded(req)) {
      next();
      return;
    }
    if (now() - loggedAt >= LOG_EVERY_MS) {
      loggedAt = now();
      options.logger.error({ production: options.production }, 'requests arrive through a proxy (forwarding headers) but TRUST_PROXY is not set');
    }
    if (!options.production) {
      next();
      return;
    }
    res.status(503).set('Cache-Control', 'no-store').set('Retry-After', '300').type('text/plain').send(MISCONFIGURED_MESSAGE);
  };
}
