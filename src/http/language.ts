/**
 * Language of each request. Public pages carry it in the path (/ky/…, /ru/…, /en/…); `/` and pages outside a
 * language prefix negotiate it from the `lang` cookie, then Accept-Language, then Kyrgyz.
 *
 * The cookie is a remembered choice, so it is written only when the reader switches language with the
 * switcher (a same-origin navigation from a page in another language) — never on a first, anonymous visit.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { LANGUAGES, type Language } from '../config.ts';
import { isLanguage, type Translator } from '../i18n/i18n.ts';

export const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export const LANGUAGE_NAMES: Record<Language, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

const PREFIX = /^\/(ky|ru|en)(?=\/|$)/;

function languageFromPath(path: string): Language | undefined {
  const match = PREFIX.exec(path);
  return match ? (match[1] as Language) : undefined;
}

export function negotiateLanguage(req: Request): Language {
  const cookie: unknown = (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE];
  if (isLanguage(cookie)) return cookie;
  const accepted = req.acceptsLanguages(...LANGUAGES);
  return isLanguage(accepted) ? accepted : 'ky';
}

/** The language to answer in when the route itself does not say: path prefix first, then negotiation. */
export function requestLanguage(req: Request): Language {
  return languageFromPath(req.path) ?? negotiateLanguage(req);
}

export interface LanguageLink {
  code: Language;
  name: string;
  href: string;
  current: boolean;
}

/** A URL without its language prefix: `/search?q=…` of `/ky/search?q=…`, what the language links keep. */
export function afterLanguage(originalUrl: string): string {
  return originalUrl.replace(PREFIX, '');
}

/** Links to this same page in every language (path and query kept, only the prefix changes). */
export function languageLinks(originalUrl: string, current: Language): LanguageLink[] {
  const rest = afterLanguage(originalUrl);
  return LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], href: `/${code}${rest || '/'}`, current: code === current }));
}

/** Sets the view locals every page needs: lang, t, the switcher links. */
export function useLanguage(translator: Translator) {
  return (lang: Language, req: Request, res: Response): void => {
    res.locals.lang = lang;
    res.locals.t = translator.forLanguage(lang);
    res.locals.languageLinks = languageLinks(req.originalUrl, lang);
  };
}

function cameFromOtherLanguage(headers: IncomingHttpHeaders, lang: Language): boolean {
  if (headers['sec-fetch-site'] === 'cross-site') return false;
  const referer = headers.referer ?? headers.referrer;
  if (typeof referer !== 'string' || referer === '') return false;
  try {
    const from = new URL(referer);
    if (from.host !== headers.host) return false;
    const previous = languageFromPath(from.pathname);
    return previous !== undefined && previous !== lang;
  } catch {
    return false;
  }
}

/** Whether this request comes from a page in another language: a GET of it may remember the new language. */
export function switchesLanguage(req: Request): boolean {
  return switchesLanguageAt(req.path, req.headers);
}

/** The same for a request Express has not seen yet: its path and raw headers. */
export function switchesLanguageAt(path: string, headers: IncomingHttpHeaders): boolean {
  const lang = languageFromPath(path);
  return lang !== undefined && cameFromOtherLanguage(headers, lang);
}

/** Middleware for the `/:lang` router: unknown prefixes fall through to the 404 page. */
export function languagePrefix(translator: Translator, secureCookies: boolean) {
  const apply = useLanguage(translator);
  return (req: Request, res: Response, next: NextFunction): void => {
    const lang = req.params.lang;
    if (!isLanguage(lang)) {
      next('router');
      return;
    }
    apply(lang, req, res);
    if (req.method === 'GET' && cameFromOtherLanguage(req.headers, lang) && (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE] !== lang) {
      res.cookie(LANGUAGE_COOKIE, lang, { maxAge: ONE_YEAR_MS, httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' });
    }
    next();
  };
}

/** `/` → `/{lang}/`, chosen by cookie, then Accept-Language, then Kyrgyz. */
export function redirectToLanguage(req: Request, res: Response): void {
  res.vary('Accept-Language').vary('Cookie');
  res.set('Cache-Control', 'private, no-cache');
  res.redirect(302, `/${negotiateLanguage(req)}/`);
}
