import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { LANGUAGES } from '../../src/config.ts';
import type { RouteEntry } from '../../src/http/route-table.ts';
import { buildApp } from '../support/app.ts';
import { csrfTokenFrom } from '../support/browser.ts';

const PUBLIC_URL = 'https://ukuk.example.kg';

interface Link {
  url: string;
  method: 'GET' | 'POST';
  from: string;
}

/** Every link a page offers: a, link and area hrefs, img and script sources, form actions with their method. */
function linksOn(html: string, page: string): Link[] {
  const decode = (value: string) =>
    value
      .replace(/&amp;/g, '&')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"');
  const links: Link[] = [];
  for (const match of html.matchAll(/<(a|link|area)\b[^>]*?\shref="([^"]*)"/gi)) links.push({ url: decode(match[2] ?? ''), method: 'GET', from: page });
  for (const match of html.matchAll(/<(img|script)\b[^>]*?\ssrc="([^"]*)"/gi)) links.push({ url: decode(match[2] ?? ''), method: 'GET', from: page });
  for (const match of html.matchAll(/<form\b([^>]*)>/gi)) {
    const attributes = match[1] ?? '';
    const action = /\saction="([^"]*)"/i.exec(attributes)?.[1];
    const method = (/\smethod="([^"]*)"/i.exec(attributes)?.[1] ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    links.push({ url: decode(action ?? page), method, from: page });
  }
  return links;
}

/** The path and query of an internal link, or undefined for another site, a fragment, mailto: or tel:. */
function internal(url: string, page: string): string | undefined {
  const resolved = new URL(url, `${PUBLIC_URL}${page}`);
  if (resolved.origin !== PUBLIC_URL) return undefined;
  if (url.startsWith('#')) return undefined;
  return `${resolved.pathname}${resolved.search}`;
}

/** A pattern of the route table as a regular expression over paths. */
function routeMatcher(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`);
}

describe('links: no public page leads to a dead end', function () {
  this.timeout(300_000);
  let app: Express;
  before(async () => {
    app = await buildApp({ PUBLIC_URL });
  });

  it('every internal link and form on every public page in ky, ru and en leads somewhere (no 404)', async () => {
    const postRoutes = (app.locals.routes as RouteEntry[]).filter((route) => route.method === 'POST').map((route) => routeMatcher(route.path));
    const seen = new Set<string>();
    const dead: string[] = [];
    const queue: Link[] = LANGUAGES.map((lang) => ({ url: `/${lang}/`, method: 'GET', from: '(start)' }));
    let pages = 0;
    const visit = async (link: Link): Promise<void> => {
      const path = internal(link.url, link.from);
      if (!path || seen.has(`${link.method} ${path}`)) return;
      seen.add(`${link.method} ${path}`);
      if (link.method === 'POST') {
        // A POST without a session's token is refused before routing: the route table says whether it exists.
        if (!postRoutes.some((route) => route.test(path.split('?')[0] ?? ''))) dead.push(`POST ${path} (form on ${link.from})`);
        return;
      }
      const response = await supertest(app).get(path);
      if (response.status === 404 || response.status >= 500) {
        dead.push(`${String(response.status)} ${path} (linked from ${link.from})`);
        return;
      }
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && typeof location === 'string') queue.push({ url: location, method: 'GET', from: path });
      // Pages of the portal are read for their links; the back office behind sign-in is out of reach here.
      if (response.status === 200 && /text\/html/.test(String(response.headers['content-type'])) && !path.startsWith('/staff')) {
        pages++;
        queue.push(...linksOn(response.text, path));
      }
    };
    while (queue.length > 0) {
      const next = queue.shift();
      if (next) await visit(next);
    }
    // The quiz's marked answers link to the guidance each question comes from: submit it once in each language.
    for (const lang of LANGUAGES) {
      const agent = supertest.agent(app);
      const quiz = await agent.get(`/${lang}/quiz`).expect(200);
      const answers = Object.fromEntries(
        [...quiz.text.matchAll(/<input[^>]*type="radio"[^>]*name="([^"]+)"[^>]*value="([^"]+)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']),
      );
      const hidden = Object.fromEntries(
        [...quiz.text.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']),
      );
      const marked = await agent
        .post(`/${lang}/quiz`)
        .type('form')
        .send({ ...hidden, ...answers, _csrf: hidden._csrf ?? csrfTokenFrom(quiz.text) });
      expect(marked.status, `quiz in ${lang}`).to.equal(200);
      for (const link of linksOn(marked.text, `/${lang}/quiz`)) await visit(link);
    }
    while (queue.length > 0) {
      const next = queue.shift();
      if (next) await visit(next);
    }
    expect(pages, 'pages read').to.be.greaterThan(150);
    expect(dead, dead.join('\n')).to.deep.equal([]);
  });
});
