/**
 * The front door: a page the portal keeps rendered is answered here, before Express sees the request. What Express
 * would do for it — set prototypes, walk the middleware list, copy and merge headers, check freshness — changes
 * nothing for such a page, whose bytes and headers were worked out when it was kept. What every response must
 * still have, it gets here too, the same as in Express: its request id (X-Request-Id), its log line (the same
 * fields and message pino-http writes), its duration in the metrics under its route, and HSTS over HTTPS.
 *
 * Three kinds of page come in here:
 * - a reading page or search result the page cache holds (http/page-cache.ts), in the encoding the browser takes;
 * - a page kept in parts, with the request's own pieces put between them: a search results page shared by the
 *   questions that search the same words (features/content/search-pages.ts), sent uncompressed;
 * - a form page as a visitor without a session sees it (http/form-page-cache.ts), to a browser that sent no
 *   cookie at all (so it has no session): counted against the per-address limit on form pages, with a stateless
 *   token of its own and the new form cookie it is bound to (http/form-token.ts), as the forms router gives them,
 *   gzip-compressed (without compressing per request, http/gzip-parts.ts) for a browser that takes it.
 *
 * Anything this door is not sure about goes on to Express, which answers it as before: other methods, a URL not
 * kept, a conditional request (If-None-Match: Express answers 304), an Accept-Encoding not negotiated yet, a
 * reader switching language (the router remembers the choice in a cookie), a relayed request the portal was not
 * told to trust (refused in production by the proxy guard), any cookie on a form page, and a form page over the
 * address's limit (the limiter counts and refuses it there).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Express } from 'express';
import type { Logger } from 'pino';
import proxyaddr from 'proxy-addr';
import { negotiatedEncoding, negotiatedGzip } from './compression.ts';
import { switchesLanguageAt } from './language.ts';
import { pathOnly } from './logging.ts';
import type { Metrics } from './metrics.ts';
import { filledFormPage, type KeptFormPage } from './form-page-cache.ts';
import type { KeptPage } from './kept-page.ts';
import { isForwardedHeaders } from './proxy-guard.ts';
import type { LocalLimit } from './rate-limit.ts';

const HSTS = 'max-age=31536000; includeSubDomains';

type TrustProxy = (address: string, hop: number) => boolean;

/** What the door needs of the form pages: the kept pages, the per-address limit, and a token for a new browser. */
interface FrontDoorForms {
  lookup: (url: string) => KeptFormPage | undefined;
  limit: Pick<LocalLimit, 'count'>;
  forNewBrowser: () => { token: string; setCookie: string };
}

/** A page kept in parts with this request's own pieces put between them (a search results page shared by questions). */
export interface FilledPage {
  parts: Buffer[];
  /** The first response's headers but those of one request (flat), and the route's label. */
  headers: string[];
  routeLabel: string;
}

export interface FrontDoorOptions {
  lookup: (url: string) => KeptPage | undefined;
  filled?: (url: string) => FilledPage | undefined;
  forms?: FrontDoorForms;
  logger: Logger;
  metrics: Pick<Metrics, 'recordKept'>;
  /** Whether the portal was told it runs behind a proxy (TRUST_PROXY), and Express's test of the peer for it. */
  trustProxy: boolean | number | string;
  trusts: TrustProxy;
}

type Door = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Whether the request came over HTTPS, as Express's req.protocol decides: the socket, or a trusted proxy's word. */
function isHttps(req: IncomingMessage, trusts: TrustProxy): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  if (typeof proto !== 'string' || !trusts(req.socket.remoteAddress ?? '', 0)) return false;
  return proto.split(',')[0]?.trim() === 'https';
}

/** A plain GET the door may answer at all: not switching language, not relayed by a proxy the portal ignores. */
function mayAnswer(req: IncomingMessage, url: string, options: FrontDoorOptions): boolean {
  if (options.trustProxy === false && isForwardedHeaders(req.headers)) return false;
  return !switchesLanguageAt(url, req.headers);
}

/** Writes the page with its request id (and HSTS over HTTPS), then its log line and its duration. */
function sendAndRecord(
  req: IncomingMessage,
  res: ServerResponse,
  options: FrontDoorOptions,
  page: { headers: string[]; body: Buffer; route: string },
  started: number,
): void {
  const id = randomUUID();
  const headers = page.headers.concat('x-request-id', id);
  if (isHttps(req, options.trusts)) headers.push('strict-transport-security', HSTS);
  res.writeHead(200, headers);
  res.end(page.body);
  const elapsed = performance.now() - started;
  const path = pathOnly(req.url);
  options.logger.info({ req: { id, method: 'GET', path }, res: { status: 200 }, responseTime: Math.round(elapsed) }, `GET ${path} 200`);
  options.metrics.recordKept(page.route, elapsed / 1000);
}

/** A kept reading page, in the encoding this browser takes, unless the request is conditional (Express: 304). */
function answerKept(req: IncomingMessage, res: ServerResponse, url: string, options: FrontDoorOptions): boolean {
  if (req.headers['if-none-match'] !== undefined) return false;
  const page = options.lookup(url);
  const encoding = page && negotiatedEncoding(req.headers['accept-encoding']);
  if (!page || !encoding || !mayAnswer(req, url, options)) return false;
  sendAndRecord(req, res, options, { headers: page.wire(encoding), body: page.variant(encoding).body, route: page.routeLabel }, performance.now());
  return true;
}

/** A filled page, sent as is (no ETag: its pieces differ per request), unless the request is conditional. */
function answerFilled(req: IncomingMessage, res: ServerResponse, url: string, options: FrontDoorOptions): boolean {
  if (req.headers['if-none-match'] !== undefined || !options.filled || !mayAnswer(req, url, options)) return false;
  const started = performance.now();
  const page = options.filled(url);
  if (!page) return false;
  const body = Buffer.concat(page.parts);
  const headers = page.headers.concat('content-type', 'text/html; charset=utf-8', 'content-length', String(body.length));
  sendAndRecord(req, res, options, { headers, body, route: page.routeLabel }, started);
  return true;
}

/** A kept form page to a browser with no cookie: counted against its address's limit, with a token of its own. */
function answerForm(req: IncomingMessage, res: ServerResponse, url: string, options: FrontDoorOptions): boolean {
  const forms = options.forms;
  const page = forms && req.headers.cookie === undefined ? forms.lookup(url) : undefined;
  const gzip = page && negotiatedGzip(req.headers['accept-encoding']);
  if (!forms || !page || gzip === undefined || !mayAnswer(req, url, options)) return false;
  const started = performance.now();
  const counted = forms.limit.count(proxyaddr(req, options.trusts));
  // Refused: left to Express, whose limiter counts and refuses it.
  if (counted.refused) return false;
  const { token, setCookie } = forms.forNewBrowser();
  const body = filledFormPage(page, Buffer.from(token), gzip);
  const headers = page.headers.concat(
    gzip ? ['content-encoding', 'gzip'] : [],
    counted.headers,
    'set-cookie',
    setCookie,
    'content-type',
    'text/html; charset=utf-8',
    'content-length',
    String(body.length),
  );
  sendAndRecord(req, res, options, { headers, body, route: page.routeLabel }, started);
  return true;
}

function createFrontDoor(options: FrontDoorOptions): Door {
  return (req, res) => {
    const url = req.url;
    if (req.method !== 'GET' || url === undefined) return false;
    return answerKept(req, res, url, options) || answerFilled(req, res, url, options) || answerForm(req, res, url, options);
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
