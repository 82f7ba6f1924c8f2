/**
 * Structured logs (pino). Each request gets an id, echoed in `X-Request-Id`, so a citizen's "reference of
 * the error" can be found. What is logged is deliberately thin: method, path without query string (a search
 * term is personal data), status and timing. Headers, cookies and bodies are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ukuk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth in case a future call passes an object holding these.
      redact: {
        paths: ['req.headers', 'headers', 'cookie', 'cookies', 'password', 'accessCode', 'token', '*.password', '*.accessCode', '*.token'],
        censor: '[redacted]',
      },
      serializers: { err: serializeError },
    },
    destination,
  );
}

/**
 * Errors without the driver's `detail`/`parameters`, which can quote the values of a failed statement.
 * pino-http hands serializers an already-serialised plain object, hence no instanceof check.
 */
function serializeError(err: unknown): Record<string, unknown> {
  if (err === null || typeof err !== 'object') return { message: String(err) };
  const { name, type, message, code, status, stack } = err as Record<string, unknown>;
  return { type: type ?? name, message, code, status, stack };
}

/** Express rewrites req.url inside routers; originalUrl is what the client asked for. */
function originalUrl(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
}

/** The path without query string, and without the secret part of single-use links. */
export function pathOnly(url: string | undefined): string {
  return ((url ?? '').split('?')[0] ?? '').replace(/\/(reset|setup)\/[^/]+/g, '/$1/[token]');
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: pathOnly(req.url) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: serializeError,
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method ?? ''} ${pathOnly(originalUrl(req))} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method ?? ''} ${pathOnly(originalUrl(req))} ${res.statusCode}`,
    // Health probes and static files would drown the log.
    autoLogging: { ignore: (req) => /^\/(healthz|readyz|metrics|public\/)/.test(pathOnly(req.url)) },
  });
}

export function requestId(req: Request): string {
  return typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '';
}
