/**
 * Rendered public pages kept in memory: a guidance page is the same for every reader (no session, no
 * personal data, no form token), so it is rendered once and served from here until the content changes.
 * Only GET requests without a query string, answered 200 without setting a cookie, are kept; the oldest
 * entries go first when the cache is full.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Kept as the bytes sent, with their ETag: a hit neither re-encodes the page nor hashes it again. */
interface Entry {
  body: Buffer;
  etag: string;
  cacheControl: string | undefined;
  /** The route that rendered it, put back on a hit so metrics count the page under its route. */
  route: unknown;
}

export interface PageCache {
  /** First in the router whose pages are kept. */
  middleware: RequestHandler;
  /** Last in that router: a request none of its routes answered goes on with the ordinary render. */
  release: RequestHandler;
  clear(): void;
  readonly size: number;
}

function keep(html: string, req: Request, res: Response): Entry {
  const body = Buffer.from(html);
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, cacheControl: res.getHeader('cache-control')?.toString(), route: req.route };
}

/** The same bytes and ETag the first time and every time after (a conditional request gets 304). */
function send(res: Response, entry: Entry): void {
  res.set('ETag', entry.etag).type('html').send(entry.body);
}

export function createPageCache(options: { maxEntries: number; skip?: (req: Request) => boolean }): PageCache {
  const entries = new Map<string, Entry>();
  const originals = new WeakMap<Response, Response['render']>();

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' || req.originalUrl.includes('?') || options.skip?.(req)) {
      next();
      return;
    }
    const key = req.originalUrl;
    const hit = entries.get(key);
    if (hit) {
      req.route = hit.route;
      if (hit.cacheControl) res.set('Cache-Control', hit.cacheControl);
      send(res, hit);
      return;
    }
    const render = res.render.bind(res);
    originals.set(res, render);
    res.render = (view: string, locals?: object) => {
      render(view, locals ?? {}, (error: Error | null, html: string) => {
        if (error) {
          next(error);
          return;
        }
        if (res.statusCode !== 200 || res.getHeader('set-cookie') || !originals.has(res)) {
          res.send(html);
          return;
        }
        if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value ?? '');
        const entry = keep(html, req, res);
        entries.set(key, entry);
        send(res, entry);
      });
    };
    next();
  };

  const release = (_req: Request, res: Response, next: NextFunction): void => {
    const original = originals.get(res);
    if (original) {
      res.render = original;
      originals.delete(res);
    }
    next();
  };

  return {
    middleware,
    release,
    clear: () => {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
