/**
 * Every URL the portal serves, named once. Routes register from these patterns (`mounted` strips the prefix a
 * router is mounted at), handlers redirect with `pathTo`, and views link with `{{path "name" param=value}}`.
 * A test checks that every named path is routed and every route is named, so a renamed URL is changed here
 * and nowhere else.
 *
 * `:lang` is the page language (ky, ru, en); `:journey` is an intake journey's segment (complaints, reports,
 * breaches): the three journeys share their handlers and register once each.
 */
const PATHS = {
  home: '/:lang/',
  pages: {
    privacy: '/:lang/privacy',
    accessibility: '/:lang/accessibility',
    contact: '/:lang/contact',
  },
  content: {
    rights: '/:lang/rights',
    right: '/:lang/rights/:slug',
    guides: '/:lang/guides',
    guide: '/:lang/guides/:slug',
    faq: '/:lang/faq',
    search: '/:lang/search',
  },
  campaigns: {
    index: '/:lang/campaigns',
    show: '/:lang/campaigns/:slug',
    poster: '/:lang/campaigns/:slug/poster',
    posterBilingual: '/:lang/campaigns/:slug/poster/ky-ru',
  },
  help: {
    start: '/:lang/help',
    step: '/:lang/help/:step',
  },
  quiz: '/:lang/quiz',
  statistics: {
    index: '/:lang/statistics',
    openData: '/:lang/statistics/open-data',
    csv: '/:lang/statistics/open-data/:indicator.csv',
    json: '/:lang/statistics/open-data/:indicator.json',
  },
  register: {
    index: '/:lang/register',
    apply: '/:lang/register/apply',
    openData: '/:lang/register/open-data',
    csv: '/:lang/register/open-data/register.csv',
    json: '/:lang/register/open-data/register.json',
    suggest: '/:lang/register/suggest',
    entry: '/:lang/register/:number',
  },
  decisions: {
    index: '/:lang/decisions',
    show: '/:lang/decisions/:id',
  },
  letters: {
    form: '/:lang/letters/new',
    toComplaint: '/:lang/complaints/new/from-letter',
    calendar: '/:lang/letters/reminder.ics',
    follow: '/:lang/letters/follow',
    myRequest: '/:lang/my-request',
    myRequestCode: '/:lang/my-request/:code',
    fromRequest: '/:lang/complaints/new/from-request',
  },
  intake: {
    start: '/:lang/:journey/new',
    startAgain: '/:lang/:journey/new/start-again',
    check: '/:lang/:journey/new/check',
    saveStep: '/:lang/:journey/new/save-step',
    save: '/:lang/:journey/new/save',
    step: '/:lang/:journey/new/:step',
    receipt: '/:lang/:journey/submitted',
    receiptEmail: '/:lang/:journey/submitted/email',
    receiptDownload: '/:lang/:journey/submitted/download',
    receiptCopy: '/:lang/:journey/submitted/copy',
    resume: '/:lang/drafts/resume',
    fromRegister: '/:lang/complaints/new/from-register',
  },
  track: {
    signIn: '/:lang/track',
    case: '/:lang/track/case',
    messages: '/:lang/track/case/messages',
    file: '/:lang/track/case/files/:id',
    fileOriginal: '/:lang/track/case/files/:id/original',
    decision: '/:lang/track/case/decision.pdf',
    download: '/:lang/track/case/download',
    withdraw: '/:lang/track/case/withdraw',
    amend: '/:lang/track/case/amend',
    deregister: '/:lang/track/case/deregister',
    contact: '/:lang/track/case/contact',
    signOut: '/:lang/track/sign-out',
    lost: '/:lang/track/lost',
    reset: '/:lang/track/reset/:token',
  },
  staff: {
    home: '/staff/',
    welcome: '/staff/welcome',
    login: '/staff/login',
    loginCode: '/staff/login/code',
    enrol: '/staff/enrol',
    setup: '/staff/setup/:token',
    logout: '/staff/logout',
    account: '/staff/account',
    accountPassword: '/staff/account/password',
    accountSessions: '/staff/account/sessions',
    accountLanguage: '/staff/account/language',
    cases: {
      index: '/staff/cases',
      assign: '/staff/cases/assign',
      exportCsv: '/staff/cases/export.csv',
      exportXlsx: '/staff/cases/export.xlsx',
      show: '/staff/cases/:reference',
      transitions: '/staff/cases/:reference/transitions',
      messages: '/staff/cases/:reference/messages',
      notes: '/staff/cases/:reference/notes',
      links: '/staff/cases/:reference/links',
      hold: '/staff/cases/:reference/hold',
      assignOne: '/staff/cases/:reference/assign',
      file: '/staff/cases/:reference/files/:id',
      fileOriginal: '/staff/cases/:reference/files/:id/original',
      publication: '/staff/cases/:reference/publication',
      publicationApprove: '/staff/cases/:reference/publication/approve',
      publicationWithdraw: '/staff/cases/:reference/publication/withdraw',
      readers: '/staff/cases/:reference/readers',
    },
    register: {
      index: '/staff/register',
      show: '/staff/register/:id',
      edit: '/staff/register/:id/edit',
      cease: '/staff/register/:id/cease',
      merge: '/staff/register/:id/merge',
    },
    holidays: {
      index: '/staff/holidays',
      remove: '/staff/holidays/:day/delete',
    },
    content: {
      index: '/staff/content',
      new: '/staff/content/new',
      edit: '/staff/content/:id/:lang',
      history: '/staff/content/:id/:lang/history',
      transition: '/staff/content/:id/:lang/versions/:number/:transition',
      restore: '/staff/content/:id/:lang/versions/:number/restore',
    },
    dashboard: {
      index: '/staff/dashboard',
      csv: '/staff/dashboard/:panel.csv',
    },
    reports: {
      annual: '/staff/reports/annual',
      annualPdf: '/staff/reports/annual.pdf',
    },
    audit: {
      index: '/staff/audit',
      verify: '/staff/audit/verify',
      export: '/staff/audit/export.csv',
    },
    users: {
      index: '/staff/users',
      new: '/staff/users/new',
      requests: '/staff/users/requests',
      approveRequest: '/staff/users/requests/:request/approve',
      refuseRequest: '/staff/users/requests/:request/refuse',
      show: '/staff/users/:id',
      role: '/staff/users/:id/role',
      disable: '/staff/users/:id/disable',
      enable: '/staff/users/:id/enable',
      sessions: '/staff/users/:id/sessions',
      reset: '/staff/users/:id/reset',
    },
  },
  probes: {
    live: '/healthz',
    ready: '/readyz',
    metrics: '/metrics',
  },
} as const;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A path's name: its keys in PATHS joined by dots, e.g. `track.case`, `staff.cases.show`. */
export type PathName = Leaves<typeof PATHS>;

export type PathParams = Record<string, string | number>;

/** Every name with its pattern (for the routing test and the view helper). */
export const NAMED_PATHS: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  const walk = (node: unknown, prefix: string): void => {
    if (typeof node === 'string') names.set(prefix, node);
    else for (const [key, value] of Object.entries(node as Record<string, unknown>)) walk(value, prefix ? `${prefix}.${key}` : key);
  };
  walk(PATHS, '');
  return names;
})();

function pattern(name: PathName): string {
  const found = NAMED_PATHS.get(name);
  if (!found) throw new Error(`No path named ${name}`);
  return found;
}

/** Fills some of a pattern's parameters and leaves the others (a journey's own routes: `:journey` filled, `:lang` kept). */
export function fillPattern(path: string, params: PathParams): string {
  return path.replace(/:(\w+)/g, (whole, key: string) => (params[key] === undefined ? whole : encodeURIComponent(String(params[key]))));
}

/** The URL of a named path; every parameter must be given (a missing one is a bug, not a 404). */
export function pathTo(name: PathName, params: PathParams = {}): string {
  const url = fillPattern(pattern(name), params);
  if (url.includes('/:')) throw new Error(`Path ${name} needs ${url.match(/:\w+/g)?.join(', ') ?? 'parameters'}`);
  return url;
}

/** The pattern as a router mounted at `mount` registers it (`/:lang/track` on the `/:lang` router is `/track`). */
/** Where the routers are mounted (src/app.ts): the language-prefixed pages and the back office. */
export const MOUNTS = { language: '/:lang', staff: '/staff' } as const;

function mounted(mount: '/:lang' | '/staff' | '', path: string): string {
  if (!path.startsWith(mount)) throw new Error(`${path} is not under ${mount}`);
  return path.slice(mount.length) || '/';
}

/**
 * A named path as its router registers it: `/:lang/track` → `/track` on the `/:lang` routers, `/staff/cases` →
 * `/cases` on the back office's, probes as they are. `router.get(routePath('track.case'), …)`.
 */
export function routePath(name: PathName): string {
  const path = pattern(name);
  if (path.startsWith(`${MOUNTS.language}/`)) return mounted(MOUNTS.language, path);
  if (path.startsWith(`${MOUNTS.staff}/`)) return mounted(MOUNTS.staff, path);
  return path;
}
