/**
 * The front door: a reading page the page cache holds is answered here, before Express sees the request. A kept
 * page is the same bytes for every reader, with headers worked out when it was kept (http/page-cache.ts), so what
 * Express would do for it — set prototypes, walk the middleware list, copy and merge headers, check freshness —
 * is work that changes nothing. What every response must still have, it gets here too, the same as in Express:
 * its request id (X-Request-Id), its log line (the same fields and message pino-http writes), its duration in the
 * metrics under its route, and HSTS when the request came over HTTPS.
 *
 * Anything this door is not sure about goes on to Express, which answers it as before (`serveKept` there serves
 * the kept page too): other methods, a URL not kept, a conditional request (If-None-Match: Express answers 304),
 * an Accept-Encoding not negotiated yet, a reader switching language (the router remembers the choice in a
 * cookie), and a relayed request the portal was not told to trust (refused in production by the proxy guard).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { negotiatedEncoding, type Encoding } from './compression.ts';
import { switchesLanguageAt } from './language.ts';
import { pathOnly } from './logging.ts';
import type { Metrics } from './metrics.ts';
import type { KeptPage } from './kept-page.ts';
import { isForwardedHeaders } from './proxy-guard.ts';

const HSTS = 'max-age=31536000; includeSubDomains';

type TrustProxy = (address: string, hop: number) => boolean;

export interface FrontDoorOptions {
  lookup: (url: string) => KeptPage | undefined;
  logger: Logger;
  metrics: Pick<Metrics, 'recordKept'>;
  /** Whether the portal was told it runs behind a proxy (TRUST_PROXY), and Express's test of the peer for it. */
  trustProxy: boolean | number | string;
  trusts: TrustProxy;
}

/** Whether the request came over HTTPS, as Express's req.protocol decides: the socket, or a trusted proxy's word. */
function isHttps(req: IncomingMessage, trusts: TrustProxy): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  if (typeof proto !== 'string' || !trusts(req.socket.remoteAddress ?? '', 0)) return false;
  return proto.split(',')[0]?.trim() === 'https';
}

/** The kept page and the headers to send it with, or undefined when Express must answer. */
function keptAnswer(req: IncomingMessage, options: FrontDoorOptions): { page: KeptPage; encoding: Encoding } | undefined {
  if (req.method !== 'GET' || req.url === undefined || req.headers['if-none-match'] !== undefined) return undefined;
  const page = options.lookup(req.url);
  if (!page) return undefined;
  const encoding = negotiatedEncoding(req.headers['accept-encoding']);
  if (encoding === undefined || switchesLanguageAt(req.url, req.headers)) return undefined;
  if (options.trustProxy === false && isForwardedHeaders(req.headers)) return undefined;
  return { page, encoding };
}

function createFrontDoor(options: FrontDoorOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { logger, metrics } = options;
  return (req, res) => {
    const answer = keptAnswer(req, options);
    if (!answer) return false;
    const started = performance.now();
    const id = randomUUID();
    const headers = answer.page.wire[answer.encoding].concat('x-request-id', id);
    if (isHttps(req, options.trusts)) headers.push('strict-transport-security', HSTS);
    res.writeHead(200, headers);
    res.end(answer.page.variants[answer.encoding].body);
    const elapsed = performance.now() - started;
    const path = pathOnly(req.url);
    logger.info({ req: { id, method: 'GET', path }, res: { status: 200 }, responseTime: Math.round(elapsed) }, `GET ${path} 200`);
    metrics.recordKept(answer.page.routeLabel, elapsed / 1000);
    return true;
  };
}

/**
 * Puts the front door before the app's own handling: the app stays the one request handler (for the server and
 * for the tests alike), and a request the door does not answer goes on through Express unchanged.
 */
export function openFrontDoor(app: Express, options: Omit<FrontDoorOptions, 'trusts'>): void {
  const door = createFrontDoor({ ...options, trusts: app.get('trust proxy fn') as TrustProxy });
  const handled = app as unknown as { handle: (req: IncomingMessage, res: ServerResponse, next?: unknown) => void };
  const handle = handled.handle.bind(app);
  handled.handle = (req, res, next) => {
    if (!door(req, res)) handle(req, res, next);
  };
}
