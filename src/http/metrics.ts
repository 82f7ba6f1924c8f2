/**
 * Prometheus metrics (prom-client): process defaults plus request duration by route pattern — never by raw
 * path, which would leak references and explode the label set. Served only to a direct loopback client (no
 * proxy in between) or with the bearer token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { isForwarded } from './proxy-guard.ts';

export interface Metrics {
  registry: Registry;
  observe: (req: Request, res: Response, next: NextFunction) => void;
  endpoint: (req: Request, res: Response) => Promise<void>;
  /** A GET answered 200 outside Express (a kept page at the front door), under the route label it was kept with. */
  recordKept: (route: string, seconds: number) => void;
}

export function routeLabel(req: Request): string {
  const route = (req.route as { path?: string } | undefined)?.path;
  if (route === undefined) return req.path.startsWith('/public/') ? '/public/*' : 'unmatched';
  return `${req.baseUrl.replace(/^\/(ky|ru|en)(?=\/|$)/, '/:lang')}${route === '/' && req.baseUrl ? '' : route}` || '/';
}

function isLoopback(ip: string | undefined): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

/**
 * Only a client on this machine talking to the portal directly: the socket's own address (not req.ip, which
 * TRUST_PROXY rewrites) is loopback, and no proxy says it relayed the request. A local reverse proxy, however
 * configured, never makes /metrics public.
 */
function isLocalDirect(req: Request): boolean {
  return isLoopback(req.socket.remoteAddress) && !isForwarded(req);
}

function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createMetrics(metricsToken: string | undefined): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // One labelled child per kept route, looked up once (labels() hashes its arguments on every call).
  const kept = new Map<string, { observe: (seconds: number) => void }>();
  return {
    registry,
    recordKept: (route, seconds) => {
      let child = kept.get(route);
      if (!child) kept.set(route, (child = duration.labels('GET', route, '200')));
      child.observe(seconds);
    },
    observe: (req, res, next) => {
      const end = duration.startTimer();
      res.on('finish', () => end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }));
      next();
    },
    endpoint: async (req, res) => {
      if (!isLocalDirect(req) && !bearerMatches(req.get('authorization'), metricsToken)) {
        res.status(403).type('text/plain').send('Forbidden\n');
        return;
      }
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}
