/**
 * One spelling per public page. Express matches routes without regard to case, so `/en/cAmpaigns/x/Poster`
 * would render the poster under a URL of its own — a new entry for every caching layer on the way. A GET
 * of a reading page in another case is sent, permanently, to its lower-case URL; a language prefix in
 * capitals (`/EN/…`) is lowered on every path. Other paths keep their case: they may carry a token
 * (`/en/track/reset/<token>`) whose letters matter.
 */
import type { NextFunction, Request, Response } from 'express';

const ANY_CASE_PREFIX = /^\/(ky|ru|en)(?=\/|$)/i;

/** Lower case, except inside percent-escapes (`%2F` and `%2f` are the same byte; leave them as sent). */
function lower(path: string): string {
  return path.replace(/%[0-9A-Fa-f]{2}|[A-Z]+/g, (match) => (match.startsWith('%') ? match : match.toLowerCase()));
}

/** `sections`: the first path segment of every reading page (`rights`, `campaigns`, … and '' for the home page). */
export function redirectToLowerCase(sections: ReadonlySet<string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const prefix = ANY_CASE_PREFIX.exec(req.path)?.[1];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || prefix === undefined) {
      next();
      return;
    }
    const rest = req.path.slice(prefix.length + 1);
    const section = (rest.split('/')[1] ?? '').toLowerCase();
    const canonical = `/${prefix.toLowerCase()}${sections.has(section) ? lower(rest) : rest}`;
    if (canonical === req.path) {
      next();
      return;
    }
    const query = req.originalUrl.indexOf('?');
    res.set('Cache-Control', 'public, max-age=86400');
    res.redirect(301, canonical + (query === -1 ? '' : req.originalUrl.slice(query)));
  };
}
