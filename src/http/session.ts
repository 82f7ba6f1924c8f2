/**
 * Server-side sessions in PostgreSQL (connect-pg-simple), so they survive restarts and are shared by every
 * instance. A session — and its cookie — exists only once something is stored in it (a CSRF token for a
 * form, a signed-in case or staff user): anonymous readers get no cookie.
 */
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import pg from 'pg';
import type { Logger } from 'pino';

export interface SessionOptions {
  connectionString: string;
  secret: string;
  secure: boolean;
  /** Where the store's own errors go (its hourly prune, a lost connection): the portal's log, not stderr. */
  logger: Pick<Logger, 'error'>;
}

export interface SessionMiddleware {
  middleware: RequestHandler;
  close(): Promise<void>;
}

export const SESSION_IDLE_MS = 30 * 60 * 1000;

function sessionCookieName(secure: boolean): string {
  // __Host- binds the cookie to this exact host over HTTPS (no Domain, Path=/).
  return secure ? '__Host-ukuk.sid' : 'ukuk.sid';
}

export function createSessionMiddleware(options: SessionOptions): SessionMiddleware {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 5, application_name: 'ukuk-sessions' });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  const Store = connectPgSimple(session);
  // No "touch" on every request: a session is written when it changes (the back office and the case space
  // record activity at most once a minute), which also moves its expiry on.
  const store = new Store({
    pool,
    tableName: 'sessions',
    createTableIfMissing: false,
    pruneSessionInterval: 15 * 60,
    disableTouch: true,
    errorLog: (...args: unknown[]) => options.logger.error({ err: args.find((arg) => arg instanceof Error) }, 'session store error'),
  });
  const sessionMiddleware = session({
    name: sessionCookieName(options.secure),
    secret: options.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: SESSION_IDLE_MS },
  });
  const middleware: RequestHandler = (req, res, next) => {
    sessionMiddleware(req, res, (error?: unknown) => {
      if (error && res.headersSent) {
        // express-session stores a changed session as the response ends and reports a failed store here, once the
        // page is on its way (the database went away meanwhile). Handed on, it would reach Express's last resort
        // after the error page had run: a line on stderr, and the connection cut under the page being sent.
        options.logger.error({ err: error, reqId: req.id }, 'session could not be saved after the page was sent');
        return;
      }
      if (error) {
        next(error);
        return;
      }
      saveBeforeRedirect(req, res, next);
      next();
    });
  };
  return {
    middleware,
    async close() {
      store.close();
      await pool.end();
    },
  };
}

/**
 * express-session writes a response's status and headers before the session is stored, so a browser can follow
 * a redirect — and read the old session — before the step it just completed is saved (seen under load: "Continue"
 * led back to the same step). A redirect therefore waits until a session holding anything has been stored.
 */
function saveBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = (...args: unknown[]) => {
    const held = req.session as (typeof req.session & Record<string, unknown>) | undefined;
    if (!held || !Object.keys(held).some((key) => key !== 'cookie')) {
      redirect(...args);
      return;
    }
    held.save((error: unknown) => {
      if (error) next(error);
      else redirect(...args);
    });
  };
}

/** A new session id, keeping nothing of the old session (sign-in: what existed before is not what is trusted after). */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((error: unknown) => (error ? reject(error instanceof Error ? error : new Error('session error')) : resolve())),
  );
}

/** Deletes the session on the server: its cookie, replayed, finds nothing. */
export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve) => req.session.destroy(() => resolve()));
}
