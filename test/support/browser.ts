/**
 * Drives forms the way a browser does: keeps cookies, reads the CSRF token from the page it just fetched,
 * and posts it back with the form fields.
 */
import type { Express } from 'express';
import supertest from 'supertest';

export type Agent = ReturnType<typeof supertest.agent>;

export function browser(app: Express): Agent {
  return supertest.agent(app);
}

/** The `_csrf` hidden field of the first form on a page. */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on this page');
  return match[1];
}

/** An attribute value as the browser reads it (Handlebars escapes & = ' ` as entities). */
function decodeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#x([0-9a-f]+)|#(\d+));/gi, (entity, name: string, hex?: string, decimal?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (decimal) return String.fromCodePoint(Number(decimal));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[name.toLowerCase()] ?? entity;
  });
}

/**
 * Where the page's form with files posts: its action, which carries the CSRF token in the query string (a
 * multipart body is read only after the token is checked). With `path`, the form with files posting there
 * (a page with several such forms).
 */
export function multipartActionFrom(html: string, path?: string): string {
  for (const [form] of html.matchAll(/<form\b[^>]*enctype="multipart\/form-data"[^>]*>/g)) {
    const action = /action="([^"]+)"/.exec(form)?.[1];
    const decoded = action ? decodeAttribute(action) : undefined;
    if (decoded && (!path || decoded.split('?')[0] === path)) return decoded;
  }
  throw new Error(`No form with files${path ? ` posting to ${path}` : ''} on this page`);
}

/** GETs a form page, then POSTs fields plus its CSRF token to `action` (default: the same URL). */

/** Every Set-Cookie header of a response, as an array. */
export function setCookies(response: { headers: Record<string, unknown> }): string[] {
  const header = response.headers['set-cookie'];
  return Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
}
