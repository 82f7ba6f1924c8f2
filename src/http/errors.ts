/**
 * The last two stops of every request: the translated 404 page, and the error handler that turns any error
 * into a translated page with the right status. A stack trace is never shown; the page gives the request id
 * so support can find the log line.
 */
import type { NextFunction, Request, Response } from 'express';
import { isHttpError } from 'http-errors';
import type { Logger } from 'pino';
import type { Translator } from '../i18n/i18n.ts';
import { requestLanguage, useLanguage } from './language.ts';
import { requestFields, requestId } from './logging.ts';

/** Error codes of a database that cannot be reached, or that is restarting. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  // knex's pool gives up waiting for a connection; pg reports a dropped connection without a code.
  return (
    err.name === 'KnexTimeoutError' ||
    /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i.test(
      err.message,
    )
  );
}

type Page = { view: string; status: number; titleKey: string };

function hasUnreadBody(req: Request): boolean {
  const declared = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  return (declared || req.headers['transfer-encoding'] !== undefined) && !req.complete;
}

/** Long free texts a refused form carried (a message, a note, a decision), shown so they can be copied. */
const KEPT_TEXTS = ['body', 'message', 'note', 'reasonText', 'decisionText', 'details', 'description'];

function pageFor(err: unknown, req: Request): Page {
  if (isDatabaseUnavailable(err)) return { view: 'errors/503', status: 503, titleKey: 'errors.unavailable.title' };
  // A token that no longer matches: almost always a page left open too long, not an attack (cross-site posts
  // are refused before, with their own page).
  if (isHttpError(err) && err.code === 'EBADCSRFTOKEN') return { view: 'errors/expired', status: 403, titleKey: 'errors.expired.title' };
  if (isHttpError(err) && err.code === 'ECROSSSITE') return { view: 'errors/cross-site', status: 403, titleKey: 'errors.crossSite.title' };
  if (isHttpError(err) && err.status < 500) {
    switch (err.status) {
      case 403:
        // A member of staff opening a page their role does not include has not sent a refused form: it says so.
        return (req.method === 'GET' || req.method === 'HEAD') && req.originalUrl.startsWith('/staff/')
          ? { view: 'errors/no-access', status: 403, titleKey: 'errors.noAccess.title' }
          : { view: 'errors/403', status: 403, titleKey: 'errors.forbidden.title' };
      case 404:
        return { view: 'errors/404', status: 404, titleKey: 'errors.notFound.title' };
      case 413:
        return { view: 'errors/413', status: 413, titleKey: 'errors.tooLarge.title' };
      case 429:
        return { view: 'errors/429', status: 429, titleKey: 'errors.tooMany.title' };
      default:
        return { view: 'errors/400', status: err.status, titleKey: 'errors.badRequest.title' };
    }
  }
  return { view: 'errors/500', status: 500, titleKey: 'errors.server.title' };
}

/** Called for every refused request (CSRF, cross-site, rate limit) before the error page is sent. */
export type RefusalRecorder = (req: Request, err: unknown) => Promise<void>;

function keptTexts(req: Request, t: Express.Locals['t']): { label: string; text: string }[] {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const texts = KEPT_TEXTS.map((name) => body[name]).filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  return texts.map((text, index) => ({
    label: texts.length > 1 ? `${t('errors.expired.textLabel')} (${String(index + 1)})` : t('errors.expired.textLabel'),
    text,
  }));
}

export function createErrorHandlers(translator: Translator, logger: Logger, recordRefusal?: RefusalRecorder) {
  const applyLanguage = useLanguage(translator);

  function render(page: Page, req: Request, res: Response): void {
    // Errors raised before the language middleware ran (e.g. a cross-site POST) negotiate a language here.
    if (!(res.locals as Partial<Express.Locals>).t) applyLanguage(requestLanguage(req), req, res);
    const { t } = res.locals;
    res.status(page.status).set('Cache-Control', 'no-store');
    // A refused request whose body was never read (a CSRF failure on a large upload): close the connection
    // instead of reading and discarding the rest of it.
    if (hasUnreadBody(req)) res.set('Connection', 'close');
    if (page.status === 429) res.set('Retry-After', res.get('Retry-After') ?? '60');
    res.render(
      page.view,
      { title: t(page.titleKey), requestId: requestId(req), ...(page.view === 'errors/expired' ? { texts: keptTexts(req, t) } : {}) },
      (error, html) => {
        // Express's types say Error, but the callback receives null on success.
        const renderError = error as Error | null;
        if (renderError) {
          // Even the error page failed: answer plainly rather than leak details.
          logger.error({ err: renderError, req: requestFields(req) }, 'error page failed to render');
          res.type('text/plain').send(`Error ${page.status}. Reference: ${requestId(req)}\n`);
          return;
        }
        res.send(html);
      },
    );
  }

  return {
    notFound: (req: Request, res: Response): void => {
      render({ view: 'errors/404', status: 404, titleKey: 'errors.notFound.title' }, req, res);
    },
    // Express recognises error handlers by their four parameters (the fourth is never called here).
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    handleError: (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
      const page = pageFor(err, req);
      if (page.status >= 500) {
        logger.error({ err, req: requestFields(req) }, page.status === 503 ? 'database unavailable' : 'unhandled error');
      }
      if (res.headersSent) {
        // Too late for an error page (e.g. an export that failed half-way through its rows): the
        // error is logged above; end the response instead of handing it to Express's console logger.
        if (!res.writableEnded) res.end();
        return;
      }
      if (recordRefusal && (page.status === 403 || page.status === 429)) {
        void recordRefusal(req, err).finally(() => render(page, req, res));
        return;
      }
      render(page, req, res);
    },
  };
}
