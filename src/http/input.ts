/**
 * Control characters never get past the door. PostgreSQL refuses a NUL in text (a query holding one would fail
 * as a server error), and none of the others belongs in anything a person types or a link carries; tab, line
 * feed and carriage return stay. Applied to the query string and to every parsed form body.
 */
import { parse } from 'node:querystring';
import type { RequestHandler } from 'express';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The same strings, arrays and objects, with control characters removed from every string in them. */
export function withoutControlCharacters(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(CONTROL_CHARACTERS, '');
  if (Array.isArray(value)) return value.map(withoutControlCharacters);
  if (value !== null && typeof value === 'object') {
    const cleaned: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) cleaned[withoutControlCharacters(key) as string] = withoutControlCharacters(item);
    return cleaned;
  }
  return value;
}

/** Express's "simple" query parser (node:querystring), cleaned. */
export function parseQueryString(query: string): unknown {
  return withoutControlCharacters(parse(query));
}

/** After the body parsers: the form fields, cleaned. */
export const cleanFormBody: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && req.body !== null) req.body = withoutControlCharacters(req.body);
  next();
};
