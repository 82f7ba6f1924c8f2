/**
 * The headers a page kept for many requests (http/kept-page.ts, http/form-page-cache.ts, a shared search results
 * page) goes out with again: those of its first response — the security headers included, computed once — but the
 * ones that belong to one request or are set when the page is sent.
 */
import type { Response } from 'express';

export const PER_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'x-request-id',
  'set-cookie',
  'ratelimit',
  'ratelimit-policy',
  'strict-transport-security',
  'content-length',
  'content-type',
  'content-encoding',
  'etag',
  'date',
]);

/** The first response's headers to replay, as one flat list of names and values (what `writeHead` takes). */
export function replayedHeaders(res: Response): string[] {
  const headers: string[] = [];
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || PER_REQUEST_HEADERS.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.push(name, String(one));
  }
  return headers;
}
