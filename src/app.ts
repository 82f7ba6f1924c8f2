/**
 * createApp: the one place the request pipeline is assembled, in order. Read top to bottom, this is what
 * happens to every request. Dependencies come in as arguments; tests build the same app with their own.
 */
import cookieParser from 'cookie-parser';
import express, { Router, type Express, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Config } from './config.ts';
import type { NotificationListener } from './db/notifications.ts';
import { createSecurityAudit } from './features/audit/security-events.ts';
import { campaignRoutes } from './features/campaigns/routes.ts';
import { createContentCache } from './features/content/cache.ts';
import { contentRoutes, contentStaffRoutes } from './features/content/routes.ts';
import { createSearchCaches } from './features/content/search-pages.ts';
import { CONTENT_CHANGED_CHANNEL } from './features/content/service.ts';
import { helpRoutes } from './features/help/routes.ts';
import { letterRoutes } from './features/letters/routes.ts';
import { quizRoutes } from './features/quiz/routes.ts';
import { staffStatisticsRoutes, statisticsRoutes } from './features/statistics/routes.ts';
import { STATISTICS_CHANGED_CHANNEL } from './features/statistics/service.ts';
import { registerRoutes, staffRegisterRoutes } from './features/register/routes.ts';
import { createRegisterCaches, REGISTER_CHANGED_CHANNEL } from './features/register/caches.ts';
import { createQuizCache } from './features/quiz/service.ts';
import { postgresBlobStorage } from './features/attachments/repository.ts';
import { clamavScanner, skippingScanner } from './features/attachments/scanner.ts';
import { caseKeys } from './features/cases/keys.ts';
import { intakeRoutes, recoverStaleJourneyForms } from './features/intake/routes.ts';
import { trackRoutes } from './features/track/routes.ts';
import { staffKeys as createStaffKeys } from './features/staff/accounts.ts';
import { auditViewerRoutes } from './features/audit-viewer/routes.ts';
import { decisionRoutes, publicationStaffRoutes } from './features/publications/routes.ts';
import { caseworkRoutes } from './features/casework/routes.ts';
import { holidayRoutes } from './features/holidays/routes.ts';
import { createStaffGate } from './features/staff/auth.ts';
import { staffAuthRoutes, usersRoutes } from './features/staff/routes.ts';
import type { JobQueue } from './jobs/queue.ts';
import { healthRoutes } from './features/health/routes.ts';
import { homeRoutes } from './features/home/routes.ts';
import { pagesRoutes } from './features/pages/routes.ts';
import { createTranslator } from './i18n/i18n.ts';
import { cleanFormBody, parseQueryString } from './http/input.ts';
import { createFormPageCache } from './http/form-page-cache.ts';
import { openFrontDoor } from './http/front-door.ts';
import { createCsrfProtection } from './http/csrf.ts';
import { createErrorHandlers } from './http/errors.ts';
import { createFormTokens } from './http/form-token.ts';
import { languagePrefix, redirectToLanguage } from './http/language.ts';
import './http/locals.ts';
import { httpLogger, requestLineLogger, type Logger } from './http/logging.ts';
import { createMetrics } from './http/metrics.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { isUnsafeMethod, noStoreByDefault, rejectCrossSiteRequests, robotsTxt, securityHeaders } from './http/security.ts';
import { createPageCache } from './http/page-cache.ts';
import { redirectToLowerCase } from './http/canonical-path.ts';
import { refuseUntrustedProxy } from './http/proxy-guard.ts';
import { describeRoutes, routeTable } from './http/route-table.ts';
import { createUploadParser } from './http/uploads.ts';
import { computeAssetVersion, configureViews, PUBLIC_DIR } from './http/views.ts';
import { MOUNTS } from './http/paths.ts';

export interface AppDependencies {
  config: Config;
  knex: Knex;
  logger: Logger;
  /** express-session backed by PostgreSQL (see http/session.ts). */
  session: RequestHandler;
  /** LISTEN/NOTIFY connection: how caches hear that another instance changed something. */
  notifications: NotificationListener;
  /** Background jobs (mail delivery); jobs are created in the transaction of the change that needs them. */
  jobs: JobQueue;
}

const FORM_BODY_LIMIT = '100kb';

/** The services the routes share, built once per app from its dependencies. */
function createServices({ config, knex, logger, notifications }: AppDependencies) {
  const translator = createTranslator({
    strict: !config.isProduction,
    onMissing: (lang, key) => logger.error({ lang, key }, 'missing translation'),
  });
  const keys = caseKeys(config.dataEncryptionKey);
  const attachments = {
    storage: postgresBlobStorage(keys.attachments),
    scanner: config.clamav ? clamavScanner(config.clamav.host, config.clamav.port) : skippingScanner,
  };
  // Reading pages marked the same for everyone (keepRenderedPage): a few hundred of 10–60 KB in three languages, all held.
  const pages = createPageCache({ maxEntries: 1000, maxBytes: 16 * 1024 * 1024, fillsPerClientPerMinute: 60 });
  // All dropped when content or the daily statistics snapshot changes, on any instance; the register's entries also with it.
  const layoutChanges = [CONTENT_CHANGED_CHANNEL, STATISTICS_CHANGED_CHANNEL];
  for (const channel of [...layoutChanges, REGISTER_CHANGED_CHANNEL]) notifications.on(channel, () => pages.clear());
  const search = createSearchCaches(notifications, layoutChanges);
  const register = createRegisterCaches(notifications, layoutChanges);
  const formTokens = createFormTokens(config.sessionSecret, { secureCookies: config.secureCookies });
  const limiter = createRateLimiter({ store: config.rateLimitStore, knex, secret: config.sessionSecret });
  // A flood of form pages (which write nothing) meets only this: generous for an office or a mobile network, in memory.
  const formPageViews = limiter.local({ name: 'form-pages', windowMs: 10 * 60 * 1000, limit: 300, when: (req) => req.method === 'GET' });
  // Form pages as a visitor without a session sees them, rendered once a minute with a token slot (http/form-page-cache.ts).
  const formPages = createFormPageCache();
  const csrf = createCsrfProtection(formTokens);
  const content = createContentCache(knex, notifications, config.contentFallbacks);
  return {
    translator,
    keys,
    attachments,
    pages,
    search,
    register,
    // What the front door answers before Express (http/front-door.ts): kept pages and results, first form pages.
    frontDoor: {
      lookup: (url: string) => pages.lookup(url) ?? search.pages.lookup(url) ?? register.pages.lookup(url) ?? register.suggestPages.lookup(url),
      filled: (url: string) => search.shared.lookup(url),
      forms: { lookup: formPages.lookup, limit: formPageViews, forNewBrowser: csrf.forNewBrowser },
    },
    metrics: createMetrics(config.metricsToken),
    limiter,
    formPageViews: formPageViews.handler,
    errors: createErrorHandlers(translator, logger, createSecurityAudit(knex, config.sessionSecret, logger)),
    formTokens,
    csrf,
    formPages,
    content,
    quiz: createQuizCache(content),
    // Multipart bodies are parsed by the routes that take files, never here for the whole app.
    uploadParser: createUploadParser(config.uploads, config.sessionSecret),
  };
}

type Services = ReturnType<typeof createServices>;

/** Public reading pages: no session, so no cookie and no session lookup per reader. */
function readingRouter({ config, knex, session, jobs }: AppDependencies, s: Services): Router {
  const reading = Router({ mergeParams: true });
  reading.use(languagePrefix(s.translator, config.secureCookies));
  reading.use(s.pages.middleware);
  reading.use(homeRoutes());
  reading.use(pagesRoutes({ cache: s.content, retention: config.retention }));
  reading.use(contentRoutes({ cache: s.content, search: s.search }));
  reading.use(campaignRoutes({ cache: s.content, publicUrl: config.publicUrl }));
  reading.use(helpRoutes({ content: s.content }));
  reading.use(decisionRoutes({ knex }));
  reading.use(registerRoutes({ knex, publicUrl: config.publicUrl, limiter: s.limiter, caches: s.register }));
  reading.use(statisticsRoutes({ knex, publicUrl: config.publicUrl, licence: config.openDataLicence }));
  reading.use(quizRoutes({ knex, quiz: s.quiz, formTokens: s.formTokens, pageViews: s.formPageViews }));
  // The letters' follow-up keeps codes and reminders, sends them through the jobs, and hands letters to complaints.
  reading.use(letterRoutes({ ...s, knex, session, jobs, config, pageViews: s.formPageViews }));
  reading.use(s.pages.release);
  return reading;
}

/** The citizen's forms and case space: always inside a session. */
function formsRouter({ config, knex, jobs }: AppDependencies, s: Services): Router {
  const { keys, attachments, limiter, uploadParser, translator } = s;
  const submission = { knex, jobs, keys, deadlines: config.deadlines };
  const citizen = { knex, jobs, keys, attachments, config };
  const forms = Router({ mergeParams: true });
  forms.use(languagePrefix(s.translator, config.secureCookies));
  forms.use(s.formPageViews);
  forms.use(s.formPages.middleware);
  const { publicUrl, uploads, authority } = config;
  const intake = { publicUrl, uploads, site: config, draftDays: config.retention.draftDays, rules: { replyDays: config.letterReplyDays } };
  forms.use(intakeRoutes({ ...intake, knex, submission, attachments, keys, limiter, uploadParser, translator }));
  forms.use(trackRoutes({ ...citizen, limiter, signInCap: config.caseSignInCap, uploadParser, translator, authority }));
  return forms;
}

/** The back office: its own sign-in, then every page behind requireStaff (session limits, role, language). */
function staffRouter({ config, knex, jobs }: AppDependencies, s: Services): Router {
  const { translator, attachments, limiter, uploadParser } = s;
  const gate = createStaffGate(knex, translator, config.secureCookies);
  const keys = createStaffKeys(config.dataEncryptionKey);
  const staff = Router();
  staff.use(staffAuthRoutes({ knex, keys, config, limiter, gate }));
  staff.use(caseworkRoutes({ knex, jobs, translator, attachments, config, gate, uploadParser }));
  staff.use(staffRegisterRoutes({ knex, gate }));
  staff.use(holidayRoutes({ knex, gate }));
  staff.use(contentStaffRoutes({ knex, gate }));
  staff.use(auditViewerRoutes({ knex, gate }));
  staff.use(staffStatisticsRoutes({ knex, translator, config, gate }));
  staff.use(publicationStaffRoutes({ knex, translator, gate }));
  staff.use(usersRoutes({ knex, keys, jobs, config, gate }));
  return staff;
}

function createExpress(config: Config): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', parseQueryString);
  configureViews(app, { cache: config.isProduction });
  app.locals.assetVersion = computeAssetVersion();
  app.locals.authority = config.authority;
  app.locals.publicUrl = config.publicUrl;
  return app;
}

export function createApp(deps: AppDependencies): Express {
  const { config, knex, logger, session } = deps;
  const s = createServices(deps);
  const app = createExpress(config);

  // 1. Observe: request id, log line, duration metric; refuse to run behind a proxy nobody declared.
  app.use(httpLogger(logger));
  app.use(s.metrics.observe);
  app.use(refuseUntrustedProxy({ production: config.isProduction, trustProxy: config.trustProxy, logger }));
  // A kept reading page is answered now, with the headers it was first sent with: nothing below applies to it.
  app.use(s.pages.serveKept);

  // 2. Headers every response carries, static files, and probes (no cookies, no body parsing).
  app.use(securityHeaders());
  app.use('/public', express.static(PUBLIC_DIR, { maxAge: '365d', immutable: true, index: false, redirect: false }));
  app.use(noStoreByDefault);
  const probes = healthRoutes({ knex, metrics: s.metrics });
  app.use(probes);

  // 3. Before any state change: refuse cross-site requests and floods, then parse the (small) form body (files: http/uploads.ts).
  app.use(cookieParser());
  app.use(rejectCrossSiteRequests);
  app.use(s.limiter.limit({ name: 'unsafe-requests', windowMs: 10 * 60 * 1000, limit: 300, when: (req) => isUnsafeMethod(req.method) }));
  app.use(express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT, parameterLimit: 500 }));
  app.use(cleanFormBody);
  app.get('/', redirectToLanguage);
  app.get('/robots.txt', robotsTxt);

  // 4. Public reading pages (no session; the quiz and letter forms carry stateless form tokens). Routing ignores
  //    case: a reading page in any other spelling (or /EN/…) is redirected to its own URL.
  const reading = readingRouter(deps, s);
  app.use(redirectToLowerCase(new Set(routeTable(reading, MOUNTS.language).map((route) => route.path.split('/')[2] ?? ''))));
  app.use(MOUNTS.language, reading);

  // 5. Everything below may hold a session; every unsafe request carries the session's CSRF token, or — while the
  //    browser has none — a stateless one (http/csrf.ts): showing a form page creates no session. A journey form
  //    sent after its page was open too long is shown again with what was typed, rather than refused.
  app.use(session, s.csrf.expose, s.csrf.verify);
  app.use(MOUNTS.language, recoverStaleJourneyForms);
  const forms = formsRouter(deps, s);
  app.use(MOUNTS.language, forms);

  // 6. The back office.
  const staff = staffRouter(deps, s);
  app.use(MOUNTS.staff, staff);
  describeRoutes(app, { reading, forms, staff, probes });

  // 7. Nothing matched, or something failed: translated 404 / error pages.
  app.use(s.errors.notFound);
  app.use(s.errors.handleError);

  // 0. Before all of this: a kept page asked for plainly is answered at the door, same headers, log and metric (http/front-door.ts).
  openFrontDoor(app, { ...s.frontDoor, logger: requestLineLogger(logger), metrics: s.metrics, trustProxy: config.trustProxy });
  return app;
}
