/**
 * One kept page (http/page-cache.ts) as it is stored and sent: its bytes as rendered and compressed once, each
 * encoding with its own ETag, the first response's headers to replay, and — for the front door
 * (http/front-door.ts) — each encoding's whole header list, ready to write.
 */
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeader } from 'node:http';
import type { Request, Response } from 'express';
import { keptBytes } from './kept-bytes.ts';
import { compressedVariant, encodingFor, type Encoding, type Variant } from './compression.ts';
import { routeLabel } from './metrics.ts';
import { PER_REQUEST_HEADERS } from './replayed-headers.ts';
import { setStrictTransportSecurity } from './security.ts';

/**
 * Kept as the bytes sent, with their ETags, and compressed once per encoding (brotli and gzip, for the browsers
 * that ask for them — a page on a phone's network arrives in a quarter of the bytes): a hit neither renders,
 * encodes, compresses nor hashes the page again. An encoding is compressed when a browser first asks for it, not
 * when the page is kept: a search asked once (most are) costs one compression, not two.
 */
export interface Entry {
  /** The page in an encoding, compressed the first time it is asked for. */
  variant(encoding: Encoding): Variant;
  /** Ready for the front door (http/front-door.ts): the variant's whole header list. */
  wire(encoding: Encoding): string[];
  /** The headers of the first response but those that belong to one request: replayed on every hit. */
  headers: [string, OutgoingHttpHeader][];
  /** The route that rendered it (and the router's base), put back on a hit so metrics count it under its route. */
  route: unknown;
  baseUrl: string;
  /** What it counts against the cache's byte limit: its bodies so far (as is and compressed) and the replayed headers. */
  readonly bytes: number;
  routeLabel: string;
  /** An HTML page, or the JSON a handler answered with (the register's suggestions). */
  contentType: string;
}

/** A kept page as the front door sends it: the body and the headers of each encoding. */
export type KeptPage = Pick<Entry, 'variant' | 'wire' | 'routeLabel'>;

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** `grew`: called when a new encoding adds to the bytes the page counts for (the cache then counts it again). */
export function keep(text: string, req: Request, res: Response, contentType = HTML, grew: () => void = () => undefined): Entry {
  const body = keptBytes(text);
  const hash = createHash('sha1').update(body).digest('base64url');
  const headers = Object.entries(res.getHeaders()).filter((header): header is [string, OutgoingHttpHeader] => {
    return header[1] !== undefined && !PER_REQUEST_HEADERS.has(header[0]);
  });
  const variants: Partial<Record<Encoding, Variant>> = { identity: { body, etag: `"${hash}"` } };
  const wires: Partial<Record<Encoding, string[]>> = {};
  let bytes = headers.reduce((sum, [name, value]) => sum + name.length + String(value).length, body.length);
  const variant = (encoding: Encoding): Variant => {
    const kept = variants[encoding];
    if (kept) return kept;
    const made = (variants[encoding] = compressedVariant(body, hash, encoding));
    bytes += made.body.length;
    grew();
    return made;
  };
  return {
    variant,
    wire: (encoding) => (wires[encoding] ??= wireHeaders(headers, encoding, variant(encoding), contentType)),
    headers,
    route: req.route,
    baseUrl: req.baseUrl,
    get bytes() {
      return bytes;
    },
    routeLabel: routeLabel(req),
    contentType,
  };
}

/** The headers `send` below writes for one variant, as one flat list (what `writeHead` takes as is). */
function wireHeaders(headers: [string, OutgoingHttpHeader][], encoding: Encoding, variant: Variant, contentType: string): string[] {
  const wire: string[] = [];
  let vary = 'Accept-Encoding';
  for (const [name, value] of headers) {
    if (name === 'vary') vary = /accept-encoding/i.test(String(value)) ? String(value) : `${String(value)}, Accept-Encoding`;
    else for (const one of Array.isArray(value) ? value : [value]) wire.push(name, String(one));
  }
  wire.push('vary', vary);
  if (encoding !== 'identity') wire.push('content-encoding', encoding);
  wire.push('etag', variant.etag, 'content-type', contentType, 'content-length', String(variant.body.length));
  return wire;
}

/** The same bytes and ETag the first time and every time after (a conditional request gets 304). */
export function send(req: Request, res: Response, entry: Entry): void {
  const encoding = encodingFor(req);
  const variant = entry.variant(encoding);
  res.vary('Accept-Encoding');
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('ETag', variant.etag);
  res.setHeader('Content-Type', entry.contentType);
  res.send(variant.body);
}

/** A hit: the first response's headers (HSTS as this request's scheme calls for), then the page. */
export function serveHit(req: Request, res: Response, hit: Entry): void {
  req.route = hit.route;
  req.baseUrl = hit.baseUrl;
  for (const [name, value] of hit.headers) res.setHeader(name, value);
  setStrictTransportSecurity(req, res);
  send(req, res, hit);
}
