/**
 * Response headers and request checks every route gets: strict CSP, HSTS over HTTPS, no MIME sniffing, no
 * framing, a same-origin referrer, and refusal of cross-site state changes before any handler runs.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import createHttpError from 'http-errors';
import helmet from 'helmet';

export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
      // Sent below, and only over HTTPS, where it means something.
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      frameguard: { action: 'deny' },
    }),
    (req: Request, res: Response, next: NextFunction) => {
      setStrictTransportSecurity(req, res);
      next();
    },
  ];
}

/**
 * HSTS over HTTPS only, where it means something (and per request: the scheme is the request's). A plain
 * connection without X-Forwarded-Proto is plain HTTP whoever is trusted: known without asking req.secure, which
 * checks the peer's address against the trusted proxies.
 */
export function setStrictTransportSecurity(req: Request, res: Response): void {
  const mayBeHttps = 'encrypted' in req.socket || req.headers['x-forwarded-proto'] !== undefined;
  if (mayBeHttps && req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/** Crawlers may read the public site, never the back office. */
export function robotsTxt(_req: Request, res: Response): void {
  res.set('Cache-Control', 'public, max-age=86400').type('text/plain').send('User-agent: *\nDisallow: /staff\n');
}

/** Dynamic pages may carry personal data: nothing is stored unless a route says otherwise. */
export function noStoreByDefault(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  next();
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/**
 * Refuses state-changing requests that a browser marks as coming from another site. Complements the
 * synchronizer token: it also covers forms whose session has not been created yet.
 */
export function rejectCrossSiteRequests(req: Request, _res: Response, next: NextFunction): void {
  if (!isUnsafeMethod(req.method)) {
    next();
    return;
  }
  const fetchSite = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const crossSite = fetchSite === 'cross-site' || (origin !== undefined && origin !== `${req.protocol}://${req.get('host') ?? ''}`);
  next(crossSite ? createHttpError(403, 'cross-site request refused', { code: 'ECROSSSITE' }) : undefined);
}
