/**
 * Structured logs (pino): the logger, where it writes, and what may appear in a line. What is logged is
 * deliberately thin (the request line is in request-log.ts): headers, cookies and bodies never.
 */
import { EventEmitter } from 'node:events';
import type { Request } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Where the portal logs (stdout unless told otherwise), written in the background: a request does not wait for
 * its log line to reach the file or pipe, and lines written while a write is under way go out together in the
 * next one. What is still buffered is written when the portal stops (closeLog) or exits anyhow (pino flushes it).
 */
export function logDestination(dest: string | number = 1): DestinationStream {
  return pino.destination({ dest, sync: false, mkdir: typeof dest === 'string' });
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
 * Anything may have been thrown, hence no instanceof check.
 */
function serializeError(err: unknown): Record<string, unknown> {
  if (err === null || typeof err !== 'object') return { message: String(err) };
  const { name, type, message, code, status, stack } = err as Record<string, unknown>;
  return { type: type ?? name, message, code, status, stack };
}

/** The path without query string, and without the secret part of single-use links. */
export function pathOnly(url: string | undefined): string {
  return ((url ?? '').split('?')[0] ?? '').replace(/\/(reset|setup)\/[^/]+/g, '/$1/[token]');
}

export function requestId(req: Request): string {
  return typeof req.id === 'string' ? req.id : '';
}
