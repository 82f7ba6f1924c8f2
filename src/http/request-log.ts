/**
 * One log line per request, when it ends, and the request id (echoed in `X-Request-Id`, so a citizen's
 * "reference of the error" can be found). The line holds the method, the path without query string (a search
 * term is personal data), the status and the duration — never headers, cookies or bodies:
 * `{"level":30,…,"req":{"id","method","path"},"res":{"status"},"responseTime":ms,"msg":"GET /en/ 200"}`; a 5xx
 * or a failed response is logged as an error, with the error. Written here rather than with pino-http, whose
 * child logger and full request and response serialisations per request cost more than the page they log.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pathOnly } from './logging.ts';

/** Health probes and static files would drown the log. */
const NOT_LOGGED = /^\/(healthz|readyz|metrics|public\/)/;

declare module 'http' {
  interface IncomingMessage {
    /** The request id (X-Request-Id), set first thing for every request. */
    id: string;
  }
}

/** The request as every log line about it shows it. */
export function requestFields(req: Request): { id: string; method: string; path: string } {
  return { id: req.id, method: req.method, path: pathOnly(req.originalUrl) };
}

export function httpLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    req.id = randomUUID();
    res.setHeader('X-Request-Id', req.id);
    if (NOT_LOGGED.test(pathOnly(req.url))) {
      next();
      return;
    }
    const started = Date.now();
    let logged = false;
    const done = (err?: Error) => {
      if (logged) return;
      logged = true;
      const fields = { req: requestFields(req), res: { status: res.statusCode }, responseTime: Date.now() - started };
      const message = `${req.method} ${fields.req.path} ${String(res.statusCode)}`;
      if (err || res.statusCode >= 500) {
        const error = err ?? new Error(`failed with status code ${String(res.statusCode)}`);
        logger.error({ req: fields.req, res: fields.res, err: error, responseTime: fields.responseTime }, message);
      } else logger.info(fields, message);
    };
    res.once('finish', done);
    res.once('close', done);
    res.once('error', done);
    next();
  };
}
