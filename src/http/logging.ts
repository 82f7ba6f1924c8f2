/**
 * Structured logs (pino). Each request gets an id, echoed in `X-Request-Id`, so a citizen's "reference of
 * the error" can be found. What is logged is deliberately thin: method, path without query string (a search
 * term is personal data), status and timing. Headers, cookies and bodies are never logged.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger };

/** Lines are written out once this many bytes wait (about 16 request lines), or after FLUSH_EVERY_MS at the latest. */
const BATCH_BYTES = 4096;
const FLUSH_EVERY_MS = 1000;

/**
 * Where the portal logs (stdout unless told otherwise), written in the background and in batches: a request does
 * not wait for its log line to reach the file or pipe, and a busy portal makes one write per few kilobytes of
 * lines rather than one per request. A line waits at most a second. What is still buffered is written when the
 * portal stops (closeLog) or exits anyhow (pino flushes it on exit).
 */
export function logDestination(dest: string | number = 1): DestinationStream {
  // sonic-boom's own periodic flush: its timer stops when the destination closes (a timer of ours could fire between
  // the close and its 'close' event, and flushing a closed destination throws).
  return pino.destination({ dest, sync: false, minLength: BATCH_BYTES, periodicFlush: FLUSH_EVERY_MS, mkdir: typeof dest === 'string' });
}

/** Writes out what the logger still holds and closes its destination (before the process exits). */
export function closeLog(logger: Logger): Promise<void> {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  if (!(stream instanceof EventEmitter) || !('flushSync' in stream)) return Promise.resolve();
  const destination = stream as ReturnType<typeof pino.destination>;
  return new Promise((resolve) => {
    destination.once('close', () => resolve());
    destination.end();
  });
}

export function createLogger(level: string, destination: DestinationStream = logDestination()): Logger {
  return pino(
    {
      level,
      base: { service: 'ukuk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth in case a future call passes an object holding these.
      redact: {
        paths: [
          'req.headers',
          'headers',
          'cookie',
          'cookies',
          'password',
          'accessCode',
          'token',
          'phone',
          'to',
          'recipient',
          '*.password',
          '*.accessCode',
          '*.token',
          '*.phone',
          '*.to',
          '*.recipient',
        ],
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
  return ((url ?? '').split('?')[0] ?? '').replace(/\/(reset|setup|my-request)\/[^/]+/g, '/$1/[token]');
}

/**
 * The logger for request lines — pino-http's and the front door's: the same destination, level and base fields,
 * without the redaction pass. A request line holds only its id, method, path (pathOnly: no query string, no
 * secret link), status and duration, nothing the redaction paths could match; on the busiest pages that pass
 * (it copies each line's objects) cost a fifth of their throughput. Anything else — an error, an object handed in
 * by a handler — goes through the portal's own logger, redaction and all: `req.log` is this logger, so the portal
 * does not log through it (a lint rule; http/errors.ts uses its own logger and `requestFields`).
 */
export function requestLineLogger(logger: Logger): Logger {
  return logger.child({}, { redact: [] });
}

/** The request as a log line shows it: its id, method and path (no query string, no secret link). */
export function requestFields(req: IncomingMessage & { id?: unknown }): { id: string; method: string | undefined; path: string } {
  return { id: requestId(req), method: req.method, path: pathOnly(originalUrl(req)) };
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger: requestLineLogger(logger),
    genReqId: (req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // The serializers get the request and response themselves, not pino's copies of them (every header copied for
    // each request, only to be thrown away): the log line is built from the four fields it holds.
    wrapSerializers: false,
    serializers: {
      req: requestFields,
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

export function requestId(req: { id?: unknown }): string {
  return typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '';
}
