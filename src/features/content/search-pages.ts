/**
 * Results pages shared by the questions that search the same words. Two readers who ask «my employer films me at
 * work» and «my employer films me at work, is that allowed» get the same results (`allowed` is in no page): only the
 * question shown in the window's title, in the search box and in the language links differs. So the second time a
 * set of words is searched, its page is rendered once more with marks where the question goes, cut at the marks
 * and kept; from then on each such question gets the kept parts with its own words put between them, escaped as
 * the view would have escaped them — answered at the front door (http/front-door.ts), before Express, as a kept
 * page is. The exact URLs of popular questions are still kept whole and compressed (the search route's page cache);
 * this is for the questions asked once.
 *
 * Only a plain search is shared: the path `/{lang}/search` with `q` and nothing else, a question that can be run
 * (not too long, not only punctuation) and a URL no longer than a kept page's. A set of words seen once is only
 * noted, so a question asked once costs one render, as before. Everything is dropped when the content or the
 * layout changes (the same notices that empty the page caches); a page rendered from an index the change replaced
 * is not kept.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import { LRUCache } from 'lru-cache';
import { LANGUAGES, type Language } from '../../config.ts';
import type { NotificationListener } from '../../db/notifications.ts';
import type { FilledPage } from '../../http/front-door.ts';
import { parseQueryString } from '../../http/input.ts';
import { keptBytes } from '../../http/kept-bytes.ts';
import { afterLanguage, languageLinks } from '../../http/language.ts';
import { routeLabel } from '../../http/metrics.ts';
import { createPageCache, type PageCache } from '../../http/page-cache.ts';
import { pathTo } from '../../http/paths.ts';
import { replayedHeaders } from '../../http/replayed-headers.ts';
import { shownQuery, type ShownQuery } from './presenters/search.ts';
import { MAX_QUERY_LENGTH, searchQuery } from './schemas.ts';
import type { SearchIndex } from './search-index.ts';
import { unsearchable } from './service.ts';

/** Beyond this a URL holds more than one search box's worth of query: rendered, never shared (nor kept). */
export const MAX_SHARED_URL = MAX_QUERY_LENGTH * 9 + 40;
const HTML = 'text/html; charset=utf-8';

/** Where the question goes on the page: its start in the title, all of it in the box, the URL in the language links. */
type Mark = 'title' | 'box' | 'rest';

interface Template {
  parts: Buffer[];
  marks: Mark[];
  headers: string[];
  routeLabel: string;
  bytes: number;
}

/** A plain search's language and question, or undefined for any other URL (answered as before). */
function plainSearch(url: string): { lang: Language; query: string } | undefined {
  const start = url.indexOf('?');
  const lang = start > 0 ? SEARCH_PATHS.get(url.slice(0, start)) : undefined;
  if (!lang || url.length > MAX_SHARED_URL) return undefined;
  const fields = parseQueryString(url.slice(start + 1));
  if (typeof fields !== 'object' || fields === null || Object.keys(fields).join() !== 'q') return undefined;
  const parsed = searchQuery.safeParse(fields);
  if (!parsed.success || unsearchable(parsed.data.q, MAX_QUERY_LENGTH)) return undefined;
  return { lang, query: parsed.data.q };
}

const SEARCH_PATHS = new Map(LANGUAGES.map((lang) => [pathTo('content.search', { lang }), lang]));

/** The question's words for each mark, escaped as `{{ }}` escapes them. */
function fillsFor(url: string, query: string): Record<Mark, Buffer> {
  const escape = (text: string) => Buffer.from(Handlebars.Utils.escapeExpression(text));
  const { title, box } = shownQuery(query, MAX_QUERY_LENGTH);
  // The links are `/{code}/` and the mark: what follows the slash after the language.
  return { title: escape(title), box: escape(box), rest: escape(afterLanguage(url).slice(1)) };
}

function filled(template: Template, fills: Record<Mark, Buffer>): Buffer[] {
  return template.parts.flatMap((part, index) => (index === 0 ? [part] : [fills[template.marks[index - 1] as Mark], part]));
}

interface SharedSearchArgs {
  index: SearchIndex;
  lang: Language;
  query: string;
  /** The generation the request began in (`generation()` before the index was read). */
  born: number;
  /** The view's locals for what stands for the question on the page. */
  view: (shown: ShownQuery) => object;
}

export interface SearchPages {
  /** For the front door: a plain search whose words have a kept page, with this question in it. */
  lookup(url: string): FilledPage | undefined;
  generation(): number;
  /** In the search route, for results: answers from (or with a new) shared page and returns true, or returns false. */
  answer(req: Request, res: Response, args: SharedSearchArgs): Promise<boolean>;
  clear(): void;
}

function createSearchPages(options: { maxEntries: number; maxBytes: number }): SearchPages {
  const base = `searchmark${randomBytes(12).toString('hex')}`;
  const marked: ShownQuery = { title: `${base}title`, box: `${base}box` };
  const cut = new RegExp(`${base}(title|box|rest)`);
  const templates = new LRUCache<string, Template>({ max: options.maxEntries, maxSize: options.maxBytes, sizeCalculation: (t) => t.bytes });
  const seen = new LRUCache<string, true>({ max: options.maxEntries * 8 });
  const state: { generation: number; index: SearchIndex | undefined } = { generation: 0, index: undefined };

  const render = (req: Request, res: Response, args: SharedSearchArgs): Promise<string> =>
    new Promise((resolve, reject) => {
      const locals = { ...res.locals, languageLinks: languageLinks(`/${args.lang}/${base}rest`, args.lang), ...args.view(marked) };
      req.app.render('content/search', locals, (error: Error | null, html: string) => (error ? reject(error) : resolve(html)));
    });

  const send = (res: Response, parts: Buffer[]): void => {
    const body = Buffer.concat(parts);
    res.status(200);
    res.setHeader('Content-Type', HTML);
    res.setHeader('Content-Length', body.length);
    res.end(body);
  };

  return {
    lookup(url) {
      const search = state.index && plainSearch(url);
      const template = search && templates.get(state.index?.resultsKey(search.lang, search.query) ?? '');
      if (!search || !template) return undefined;
      return { parts: filled(template, fillsFor(url, search.query)), headers: template.headers, routeLabel: template.routeLabel };
    },
    generation: () => state.generation,
    async answer(req, res, args) {
      if (plainSearch(req.originalUrl)?.query !== args.query) return false;
      const key = args.index.resultsKey(args.lang, args.query);
      let template = templates.get(key);
      if (!template) {
        if (!seen.get(key)) {
          seen.set(key, true);
          return false;
        }
        const pieces = (await render(req, res, args)).split(cut);
        const parts = pieces.filter((_, at) => at % 2 === 0).map((piece) => keptBytes(piece));
        const bytes = parts.reduce((sum, part) => sum + part.length, 0);
        template = { parts, marks: pieces.filter((_, at) => at % 2 === 1) as Mark[], headers: replayedHeaders(res), routeLabel: routeLabel(req), bytes };
        if (args.born === state.generation) {
          templates.set(key, template);
          state.index = args.index;
        }
      }
      send(res, filled(template, fillsFor(req.originalUrl, args.query)));
      return true;
    },
    clear() {
      templates.clear();
      seen.clear();
      state.index = undefined;
      state.generation++;
    },
  };
}

export interface SearchCaches {
  /** The exact URLs of the questions asked: the last 256 pages (a few KB each), kept whole and compressed. */
  pages: PageCache;
  shared: SearchPages;
}

/** Both emptied by a change on any of `channels` (the content, and what else the layout shows), on any instance. */
export function createSearchCaches(listener: NotificationListener, channels: readonly string[]): SearchCaches {
  const pages = createPageCache({ maxEntries: 256, maxBytes: 4 * 1024 * 1024, fillsPerClientPerMinute: 60, withQuery: true });
  const shared = createSearchPages({ maxEntries: 256, maxBytes: 4 * 1024 * 1024 });
  for (const channel of channels) {
    listener.on(channel, () => {
      pages.clear();
      shared.clear();
    });
  }
  return { pages, shared };
}
