/**
 * Rendered public pages kept in memory: a guidance page is the same for every reader (no session, no
 * personal data, no form token), so it is rendered once and served from here until the content changes.
 * Keeping a page is opt-in: the handler that renders it calls `keepRenderedPage(res)` — a new page with a form
 * or anything per reader is never kept by accident. Only GET requests without a query string (but in a cache made
 * `withQuery`, for search results), answered 200 without setting a cookie, are kept. The cache holds at most `maxEntries` pages and `maxBytes` bytes (bodies and
 * replayed headers): when either is reached, the page read least recently goes first (lru-cache).
 *
 * A reader cannot push the real pages out: only a path in its one canonical spelling is kept (lower case,
 * no escapes, no trailing slash but the home page's), so the keys are the site's pages and nothing else,
 * and one client address adds at most `fillsPerClientPerMinute` entries a minute (beyond that its pages
 * are rendered and not kept). A page rendered while the cache was cleared is not kept either: it may have
 * been rendered from the content the clearing replaced.
 *
 * A kept page is served as early as possible: `serveKept` stands right after the request is logged and counted,
 * before the middleware that cannot apply to it (security headers recomputed, cookies, body parsing, limits for
 * unsafe methods, the router). The page goes out with the response headers it was first sent with — the
 * security headers included — so each hit carries the same set as the first render, computed once.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { HTML, JSON_TYPE, keep, send, serveHit, type Entry, type KeptPage } from './kept-page.ts';
import { switchesLanguage } from './language.ts';

/** Called by a handler whose page is the same for every reader: the page cache may keep what it renders. */
export function keepRenderedPage(res: Response): void {
  res.locals.keepRenderedPage = true;
}

export interface PageCache {
  /** Early in the pipeline: answers a GET of a kept page with the headers it was first sent with. */
  serveKept: RequestHandler;
  /** First in the router whose pages are kept. */
  middleware: RequestHandler;
  /** Last in that router: a request none of its routes answered goes on with the ordinary render. */
  release: RequestHandler;
  /** The kept page for a URL exactly as requested, if there is one (for the front door). */
  lookup: (url: string) => KeptPage | undefined;
  clear(): void;
  readonly size: number;
  /** The bytes the kept pages count for (never more than `maxBytes`). */
  readonly bytes: number;
}

/** `/ky/`, `/ru/rights`, `/en/campaigns/your-data-your-right/poster`: the one spelling of a reading page. */
const CANONICAL = /^\/[a-z]{2}(\/|(\/[a-z0-9]+(-[a-z0-9]+)*)+)$/;

export function isCanonicalPagePath(url: string): boolean {
  return CANONICAL.test(url);
}

/** Beyond this many client addresses in one minute, a new address fills nothing (the count itself stays small). */
const MAX_CLIENTS_PER_MINUTE = 10_000;

/** Counts new entries per client address and minute: false once a client has added its share this minute. */
function fillLimiter(now: () => number, perMinute: number): (client: string) => boolean {
  let minute = 0;
  const fills = new Map<string, number>();
  return (client) => {
    const current = Math.floor(now() / 60_000);
    if (current !== minute) {
      minute = current;
      fills.clear();
    }
    const count = fills.get(client) ?? 0;
    if (count >= perMinute || (count === 0 && fills.size >= MAX_CLIENTS_PER_MINUTE)) return false;
    fills.set(client, count + 1);
    return true;
  };
}

interface CacheState {
  entries: LRUCache<string, Entry>;
  originals: WeakMap<Response, Pick<Response, 'render' | 'json'>>;
  generation: number;
  mayFill: (client: string) => boolean;
}

/** Whether the page just rendered may be kept: its handler asked, it is a plain 200 and nothing changed since. */
function mayKeep(state: CacheState, key: string, req: Request, res: Response, born: number): boolean {
  return (
    res.locals.keepRenderedPage === true &&
    res.statusCode === 200 &&
    !res.getHeader('set-cookie') &&
    state.originals.has(res) &&
    born === state.generation &&
    // A page another request of the same moment kept already is not a new entry: it costs the client nothing.
    (state.entries.has(key) || state.mayFill(req.ip ?? ''))
  );
}

/** Sends what the handler produced, and keeps it when its handler marked it (keepRenderedPage). */
function sendOrKeep(state: CacheState, key: string, req: Request, res: Response, born: number, text: string, type: string): void {
  if (!mayKeep(state, key, req, res, born)) {
    if (!res.get('Content-Type')) res.type(type);
    res.send(text);
    return;
  }
  // A new encoding makes the page bigger: counted again, which may send the pages read least recently out.
  const entry = keep(text, req, res, type, () => {
    if (state.entries.peek(key) === entry) state.entries.set(key, entry);
  });
  state.entries.set(key, entry);
  send(req, res, entry);
}

/** Wraps res.render (and res.json, for the suggestions a picker asks for) for one request. */
function captureRender(state: CacheState, key: string, req: Request, res: Response, next: NextFunction): void {
  const born = state.generation;
  const render = res.render.bind(res);
  state.originals.set(res, { render, json: res.json.bind(res) });
  res.render = (view: string, locals?: object) => {
    render(view, locals ?? {}, (error: Error | null, html: string) => {
      if (error) next(error);
      else sendOrKeep(state, key, req, res, born, html, HTML);
    });
  };
  res.json = (body: unknown) => {
    sendOrKeep(state, key, req, res, born, JSON.stringify(body), JSON_TYPE);
    return res;
  };
}

export interface PageCacheOptions {
  maxEntries: number;
  maxBytes: number;
  fillsPerClientPerMinute: number;
  /**
   * Pages whose query string is part of what they show (search results): kept under path and query, the path
   * still in its one spelling. Such a cache serves only the routes it is put before, and is bounded as any other.
   */
  withQuery?: boolean;
  now?: () => number;
}

/** Whether a URL may be a key: its path in its one spelling, and a query string only where pages take one. */
function isKeyable(url: string, withQuery: boolean): boolean {
  const query = url.indexOf('?');
  return withQuery && query > 0 ? isCanonicalPagePath(url.slice(0, query)) : isCanonicalPagePath(url);
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const state: CacheState = {
    entries: new LRUCache({ max: options.maxEntries, maxSize: options.maxBytes, sizeCalculation: (entry) => entry.bytes }),
    originals: new WeakMap(),
    generation: 0,
    mayFill: fillLimiter(options.now ?? Date.now, options.fillsPerClientPerMinute),
  };

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' || !isKeyable(req.originalUrl, options.withQuery === true)) {
      next();
      return;
    }
    const hit = state.entries.get(req.originalUrl);
    if (hit) {
      serveHit(req, res, hit);
      return;
    }
    captureRender(state, req.originalUrl, req, res, next);
    next();
  };

  // A reader switching language is answered by the router, which remembers the choice in a cookie.
  const serveKept = (req: Request, res: Response, next: NextFunction): void => {
    const hit = req.method === 'GET' ? state.entries.get(req.originalUrl) : undefined;
    if (!hit || switchesLanguage(req)) {
      next();
      return;
    }
    serveHit(req, res, hit);
  };

  const release = (_req: Request, res: Response, next: NextFunction): void => {
    const original = state.originals.get(res);
    if (original) {
      res.render = original.render;
      res.json = original.json;
      state.originals.delete(res);
    }
    next();
  };

  return {
    serveKept,
    middleware,
    release,
    lookup: (url) => state.entries.get(url),
    clear: () => {
      state.entries.clear();
      state.generation++;
    },
    get size() {
      return state.entries.size;
    },
    get bytes() {
      return state.entries.calculatedSize;
    },
  };
}
