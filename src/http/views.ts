/**
 * Handlebars views: layouts, partials and the few helpers templates need. Templates only ever print with
 * `{{ }}` (escaped); the one raw block is the layout's `{{{body}}}`, and later sanitised content. The `options`
 * helper returns markup, with every value in it escaped the way `{{ }}` escapes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import { create, type ExpressHandlebars } from 'express-handlebars';
import Handlebars, { type HelperOptions } from 'handlebars';
import type { Translate } from '../i18n/i18n.ts';
import { formatDateTime, formatDay } from '../lib/dates.ts';
import { NAMED_PATHS, pathTo, type PathName, type PathParams } from './paths.ts';
import type { FieldError } from './validation.ts';

const ROOT_DIR = path.resolve(import.meta.dirname, '..', '..');
export const VIEWS_DIR = path.join(ROOT_DIR, 'views');
export const PUBLIC_DIR = path.join(ROOT_DIR, 'public');

/** A short hash of every public file, appended to asset URLs so they can be cached for a year. */
export function computeAssetVersion(dir = PUBLIC_DIR): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hash.update(path.relative(dir, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

interface RootContext {
  t?: Translate;
  lang?: string;
  issueCsrfToken?: () => string;
  can?: (action: string) => boolean;
}

function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function root(options: HelperOptions): RootContext {
  return (options.data as { root: RootContext }).root;
}

export const helpers = {
  /** {{t "key" name=value}} — translation in the page's language; throws on a missing key outside production. */
  t(key: unknown, options: HelperOptions): string {
    const translate = root(options).t;
    if (!translate) throw new Error('The t helper needs a page language (res.locals.t)');
    if (typeof key !== 'string') throw new Error(`The t helper needs a string key, got ${typeof key}`);
    return translate(key, options.hash as Record<string, string>);
  },
  /** {{tError error}} — a FieldError from http/validation.ts, translated with its values. */
  tError(error: unknown, options: HelperOptions): string {
    const translate = root(options).t;
    const { key, values } = (error ?? {}) as Partial<FieldError>;
    if (!translate || typeof key !== 'string') throw new Error('tError needs a page language and a field error');
    return translate(key, values);
  },
  /** The ids an input's aria-describedby lists: its hint and its error message, when present. */
  describedBy(name: unknown, hint: unknown, error: unknown): string | undefined {
    const ids = [hint ? `${String(name)}-hint` : '', error ? `${String(name)}-error` : ''].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : undefined;
  },
  /** Every error of one field (a file input names each refused file): {any, many, first, list}. */
  errorsFor(errors: unknown, field: unknown): { any: boolean; many: boolean; first: FieldError | undefined; list: FieldError[] } {
    const list = ((errors as { list?: FieldError[] } | undefined)?.list ?? []).filter((error) => error.field === field);
    return { any: list.length > 0, many: list.length > 1, first: list[0], list };
  },
  /** A phone number as a tel: URL (digits and a leading +). */
  telHref: (phone: unknown): string => `tel:${String(phone).replace(/[^\d+]/g, '')}`,
  /** A phone number that never breaks across lines (non-breaking spaces). */
  phoneText: (phone: unknown): string => String(phone).replace(/ /g, '\u00a0'),
  eq: (a: unknown, b: unknown): boolean => a === b,
  /**
   * {{options items value}}: a drop-down's options ({value, label}, both escaped), the one equal to `value` as text
   * selected (a form value posted as "2" and a choice given as 2). One call prints them all: a block and a helper
   * call per option cost 0.7 µs each, a seventh of the staff queue's rendering (its selects hold some 100 options).
   */
  options(items: unknown, selected: unknown): Handlebars.SafeString {
    const chosen = asText(selected);
    let html = '';
    for (const item of Array.isArray(items) ? (items as { value?: unknown; label?: unknown }[]) : []) {
      const value = asText(item.value);
      html += `<option value="${Handlebars.escapeExpression(value)}"${value === chosen ? ' selected' : ''}>${Handlebars.escapeExpression(asText(item.label))}</option>\n`;
    }
    return new Handlebars.SafeString(html);
  },
  /** {{inPageLanguage authority.name}}: of a value kept per language ({ky, ru, en}), the page's. */
  inPageLanguage(values: unknown, options: HelperOptions): unknown {
    const lang = root(options).lang;
    if (!lang || typeof values !== 'object' || values === null) throw new Error('inPageLanguage needs a page language and a value per language');
    return (values as Record<string, unknown>)[lang];
  },
  /** {{> fields/checkboxes items=(array (object value="yes" label="…"))}}: small literal lists in templates. */
  array: (...args: unknown[]): unknown[] => args.slice(0, -1),
  object: (options: HelperOptions): Record<string, unknown> => ({ ...(options.hash as Record<string, unknown>) }),
  /** A translated list kept in one string, items separated by "|". */
  split: (text: unknown): string[] =>
    typeof text === 'string'
      ? text
          .split('|')
          .map((item) => item.trim())
          .filter(Boolean)
      : [],
  /** 1.2 MB / 340 KB. */
  formatBytes(bytes: unknown): string {
    const value = typeof bytes === 'number' ? bytes : 0;
    return value >= 1024 * 1024 ? `${(value / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(value / 1024))} KB`;
  },
  /**
   * {{#if (includes list value)}} for checkbox state. A form posts one ticked box as a string and several as
   * an array, and re-rendered forms show what was posted: a single value counts as a list of one.
   */
  includes: (list: unknown, value: unknown): boolean =>
    Array.isArray(list) ? list.includes(value) : list !== undefined && list !== null && list !== '' && list === value,
  /** Hidden CSRF field; only pages rendered inside a session have a token to give. */
  csrfToken(options: HelperOptions): string {
    const issue = root(options).issueCsrfToken;
    if (!issue) throw new Error('csrfToken used on a page rendered without a session');
    return issue();
  },
  /** A multipart form's action with the CSRF token in its query string (the body is read only after the check). */
  csrfAction(action: unknown, options: HelperOptions): string {
    const issue = root(options).issueCsrfToken;
    if (!issue) throw new Error('csrfAction used on a page rendered without a session');
    const url = String(action);
    return `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(issue())}`;
  },
  /**
   * {{path "track.case"}}, {{path "staff.cases.show" reference=ref}}: a named URL (src/http/paths.ts), in the
   * page's language unless `lang=` is given. An unknown name or a missing parameter throws (a broken link is a bug).
   */
  path(name: unknown, options: HelperOptions): string {
    if (typeof name !== 'string' || !NAMED_PATHS.has(name)) throw new Error(`The path helper needs a path name, got ${String(name)}`);
    const lang = root(options).lang;
    return pathTo(name as PathName, { ...(lang ? { lang } : {}), ...(options.hash as PathParams) });
  },
  /** {{concat "a" b "c"}} builds ids and keys. */
  concat: (...args: unknown[]): string => args.slice(0, -1).join(''),
  /** {{#if (can "cases.assign")}}: whether the signed-in staff member's role allows an action (display only; routes check again). */
  can(action: unknown, options: HelperOptions): boolean {
    const allows = root(options).can;
    return typeof action === 'string' && allows !== undefined && allows(action);
  },
  not: (value: unknown): boolean => !value,
  /** The first truthy argument, like JavaScript's ||: {{or id name}}. */
  or: (...args: unknown[]): unknown => args.slice(0, -1).find(Boolean) ?? false,
  /** Date and time in Bishkek, e.g. 22 November 2026, 14:05 (timelines, messages, the audit trail). */
  formatDateTime(value: unknown, options: HelperOptions): string {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) return '';
    return formatDateTime(date, root(options).lang ?? 'ky');
  },
  /** A day for the page's language, e.g. 22 November 2026: a Date (its day in Bishkek) or a YYYY-MM-DD date. */
  formatDate(value: unknown, options: HelperOptions): string {
    if (value === undefined || value === null || value === '') return '';
    const lang = root(options).lang ?? 'ky';
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, lang);
    const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) return '';
    return formatDay(date, lang);
  },
};

/** `environment`: the Handlebars environment the views are compiled in (configureViews registers its helpers and partials there). */
export function createViewEngine(environment: typeof Handlebars = Handlebars.create()): ExpressHandlebars {
  return create({
    handlebars: environment,
    extname: '.hbs',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    partialsDir: path.join(VIEWS_DIR, 'partials'),
    defaultLayout: 'main',
    helpers,
    // An indented partial call would otherwise indent every line it prints, including the lines of a
    // textarea's value: a multi-line answer shown again gained two spaces per line on each round trip.
    // The helpers named as known: the compiled templates call them directly rather than looking each name up as
    // a helper or a property at every use.
    compilerOptions: { preventIndent: true, knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])) },
  });
}

type Locals = Record<string, unknown>;

/**
 * Renders a view, then its layout around it, with templates express-handlebars found and compiled. The helpers and
 * partials are registered once on the environment: given with each page instead (as express-handlebars does), they
 * were copied into new objects for the view and again for the layout, a tenth of the time of rendering a page.
 * Without the cache (development), partials and templates are read again for every page, so edits show at once.
 */
function viewRenderer(cache: boolean) {
  const environment = Handlebars.create();
  const engine = createViewEngine(environment);
  environment.registerHelper(helpers);
  let partials: Promise<void> | undefined;
  const registerPartials = async (): Promise<void> => {
    environment.registerPartial((await engine.getPartials({ cache })) as Record<string, Handlebars.Template>);
  };
  // With the cache on, a compiled template is kept here by its path: express-handlebars' own cache resolves the path
  // and goes through two promises for every page, a twentieth of the time of rendering one.
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const template = async (file: string): Promise<Handlebars.TemplateDelegate> => {
    const known = compiled.get(file);
    if (known) return known;
    const loaded = (await engine.getTemplate(file, { cache })) as Handlebars.TemplateDelegate;
    if (cache) compiled.set(file, loaded);
    return loaded;
  };
  return async (file: string, locals: Locals): Promise<string> => {
    if (!cache || !partials) {
      // A failed read is tried again by the next page rather than kept.
      partials = registerPartials().catch((error: unknown) => {
        partials = undefined;
        throw error;
      });
    }
    await partials;
    const body = (await template(file))(locals).trim();
    const layout = 'layout' in locals ? locals.layout : 'main';
    if (typeof layout !== 'string' || layout === '') return body;
    return (await template(path.join(VIEWS_DIR, 'layouts', `${layout}.hbs`)))({ ...locals, body }).trim();
  };
}

export function configureViews(app: Express, options: { cache: boolean }): void {
  const render = viewRenderer(options.cache);
  app.engine('.hbs', (file, locals, callback) => {
    render(file, locals as Locals).then((html) => callback(null, html), callback);
  });
  app.set('view engine', '.hbs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', options.cache);
}
