/**
 * Form pages as a visitor first sees them — the case sign-in page, each journey's steps before any answer — are
 * the same for every visitor who has no session, but for the anti-forgery token. So such a page is rendered once
 * a minute per URL with a placeholder where the token goes, and each visitor gets it with a token of their own
 * put in its place (issued as a render would issue it: the stateless kind, bound to the browser's form cookie,
 * which is set on the same response). A browser that takes gzip gets the page compressed: its parts compressed once,
 * when it was kept, with the token put between them uncompressed (http/gzip-parts.ts). Everything else a request
 * goes through still runs: the security headers, the per-address limit on form pages, the language, the session
 * middleware (which finds nothing).
 *
 * Keeping is opt-in, as for reading pages: a handler calls `keepFormPage(res)` for a page that holds nothing of
 * the visitor. Only a GET of a page's one canonical path (no query string), answered 200, by a browser whose
 * session holds nothing is kept or served from here; anybody with answers, a signed-in case or an error to see
 * gets their page rendered for them. A kept page lives a minute (a form may show today's date or a list from the
 * database); the number of pages kept is bounded by the routes that opt in.
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { takesGzip } from './compression.ts';
import { gzipFilled, gzipParts, type GzipParts } from './gzip-parts.ts';
import { keptBytes } from './kept-bytes.ts';
import { sessionHoldsSomething } from './csrf.ts';
import { routeLabel } from './metrics.ts';
import { replayedHeaders } from './replayed-headers.ts';
import { isCanonicalPagePath } from './page-cache.ts';

/** Called by a handler whose page, for a visitor with no session, holds nothing but the form and its token. */
export function keepFormPage(res: Response): void {
  res.locals.keepFormPage = true;
}

interface Kept {
  /** The page's bytes, cut where its token goes, and the same parts compressed once (http/gzip-parts.ts). */
  parts: Buffer[];
  gzip: GzipParts;
  born: number;
  /** The route that rendered it, put back on a hit so metrics count it under its route. */
  route: unknown;
  /** For the front door: the first response's headers but those of one request (flat), and the route's label. */
  headers: string[];
  routeLabel: string;
}

/** A kept form page as the front door sends it: cut where the token goes, with the headers every visitor gets. */
export type KeptFormPage = Pick<Kept, 'parts' | 'gzip' | 'headers' | 'routeLabel'>;

const LIFETIME_MS = 60_000;
const MAX_PAGES = 500;

function issueToken(res: Response): string {
  return (res.locals.issueCsrfToken as () => string)();
}

/** The page with this token between its parts: gzip-compressed for a browser that takes it, else as it is. */
export function filledFormPage(page: Pick<Kept, 'parts' | 'gzip'>, token: Buffer, gzip: boolean): Buffer {
  return gzip ? gzipFilled(page.gzip, token) : Buffer.concat(page.parts.flatMap((part, index) => (index === 0 ? [part] : [token, part])));
}

/**
 * The page with this visitor's token, sent as is: no ETag (it could never match — the token differs on every
 * response, which is `no-store` anyway), so nothing is hashed per request, and nothing compressed either.
 */
function sendWithToken(req: Request, res: Response, page: Pick<Kept, 'parts' | 'gzip'>): void {
  const gzip = takesGzip(req);
  const body = filledFormPage(page, Buffer.from(issueToken(res)), gzip);
  res.status(200);
  res.vary('Accept-Encoding');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

export interface FormPageCache {
  /** In the forms router after the language, the limit on form pages and the CSRF set-up, before the routes. */
  middleware: RequestHandler;
  /** The page kept for this URL while it is fresh (for the front door). */
  lookup: (url: string) => KeptFormPage | undefined;
}

export function createFormPageCache(now: () => number = Date.now): FormPageCache {
  // Letters and digits only: the same after HTML escaping and URL encoding (a multipart form's action carries it).
  const placeholder = `csrftoken${randomBytes(16).toString('hex')}`;
  const pages = new Map<string, Kept>();

  const capture = (req: Request, res: Response, next: NextFunction, key: string): void => {
    const render = res.render.bind(res) as (view: string, locals: object, callback: (error: Error | null, html: string) => void) => void;
    res.render = (view: string, locals?: object, callback?: unknown) => {
      if (res.locals.keepFormPage !== true || res.statusCode !== 200 || typeof callback === 'function' || typeof locals === 'function') {
        render(view, locals ?? {}, callback as (error: Error | null, html: string) => void);
        return;
      }
      const issue = res.locals.issueCsrfToken as () => string;
      res.locals.issueCsrfToken = () => placeholder;
      render(view, locals ?? {}, (error, html) => {
        res.locals.issueCsrfToken = issue;
        if (error) {
          next(error);
          return;
        }
        const parts = html.split(placeholder).map((part) => keptBytes(part));
        const page = { parts, gzip: gzipParts(parts) };
        res.vary('Accept-Encoding');
        if (parts.length > 1 && (pages.has(key) || pages.size < MAX_PAGES)) {
          pages.set(key, { ...page, born: now(), route: req.route, headers: replayedHeaders(res), routeLabel: routeLabel(req) });
        }
        sendWithToken(req, res, page);
      });
    };
  };

  const middleware: RequestHandler = (req, res, next) => {
    const key = req.originalUrl;
    if (req.method !== 'GET' || !isCanonicalPagePath(key) || sessionHoldsSomething(req)) {
      next();
      return;
    }
    const kept = pages.get(key);
    if (!kept || now() - kept.born >= LIFETIME_MS) {
      capture(req, res, next, key);
      next();
      return;
    }
    req.route = kept.route;
    sendWithToken(req, res, kept);
  };

  const lookup = (url: string): KeptFormPage | undefined => {
    const kept = pages.get(url);
    return kept && now() - kept.born < LIFETIME_MS ? kept : undefined;
  };

  return { middleware, lookup };
}
