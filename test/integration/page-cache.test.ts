import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import express, { type Express } from 'express';
import supertest from 'supertest';
import { LANGUAGES } from '../../src/config.ts';
import { createPageCache, keepRenderedPage, type PageCache } from '../../src/http/page-cache.ts';
import { buildApp, TEST_LOG_FILE } from '../support/app.ts';

const POSTER = '/campaigns/your-data-your-right/poster';

/** Swaps the case of every other letter: /en/cAmPaIgNs/… — one of the 2^n spellings Express would route. */
function variant(path: string, seed: number): string {
  let flip = seed;
  return path.replace(/[a-z]/g, (letter) => {
    flip = (flip * 1103515245 + 12345) % 2147483648;
    return flip % 2 === 0 ? letter.toUpperCase() : letter;
  });
}

describe('the page cache and the Host header', () => {
  let app: Express;
  before(async () => {
    app = await buildApp({ PUBLIC_URL: 'https://ukuk.example.kg' });
  });

  it('prints the configured address on the poster, whatever Host a request names, for every reader after it', async () => {
    for (const lang of LANGUAGES) {
      const attack = await supertest(app).get(`/${lang}${POSTER}`).set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').expect(200);
      expect(attack.text).to.include(`https://ukuk.example.kg/${lang}/rights`);
      expect(attack.text).not.to.include('evil.example');
      const reader = await supertest(app).get(`/${lang}${POSTER}`).expect(200);
      expect(reader.text).to.include(`https://ukuk.example.kg/${lang}/rights`);
      expect(reader.text).not.to.include('evil.example');
    }
  });

  it('sends 1,010 spellings of the poster to its one URL instead of keeping a page for each', async () => {
    const canonical = `/en${POSTER}`;
    for (let seed = 1; seed <= 1010; seed++) {
      const spelled = `/en${variant(POSTER, seed)}`;
      if (spelled === canonical) continue;
      const response = await supertest(app).get(spelled).set('Host', 'evil.example');
      expect(response.status, spelled).to.equal(301);
      expect(response.headers.location, spelled).to.equal(canonical);
    }
    expect((await supertest(app).get(canonical).set('Host', 'evil.example').expect(200)).text).not.to.include('evil.example');
  });

  it('lowers a language prefix in capitals, and keeps the query', async () => {
    const response = await supertest(app).get('/EN/Search?q=Bank').expect(301);
    expect(response.headers.location).to.equal('/en/search?q=Bank');
    expect((await supertest(app).get('/RU/').expect(301)).headers.location).to.equal('/ru/');
    // Only reading pages are lowered: a link with a token keeps its letters.
    expect((await supertest(app).get('/EN/track/reset/AbCdEf').expect(301)).headers.location).to.equal('/en/track/reset/AbCdEf');
    await supertest(app).post('/EN/track').type('form').send({}).expect(403);
  });
});

describe('a kept page, answered before the rest of the pipeline', () => {
  const ARTICLE = '/rights/right-of-access';

  /** The headers a reader's browser acts on: all but the date and the request's own id. */
  function sameForEveryReader(headers: Record<string, string>): Record<string, string> {
    const { date, 'x-request-id': id, ...rest } = headers;
    expect(date).to.be.a('string');
    expect(id).to.match(/^[0-9a-f-]{36}$/);
    return rest;
  }

  it('carries the same headers as when it was rendered — security headers, caching, ETag — in every language', async () => {
    const app = await buildApp();
    for (const lang of LANGUAGES) {
      const rendered = await supertest(app).get(`/${lang}${ARTICLE}`).expect(200);
      const kept = await supertest(app).get(`/${lang}${ARTICLE}`).expect(200);
      expect(kept.text).to.equal(rendered.text);
      expect(kept.headers['x-request-id']).not.to.equal(rendered.headers['x-request-id']);
      expect(sameForEveryReader(kept.headers)).to.deep.equal(sameForEveryReader(rendered.headers));
      expect(kept.headers['content-security-policy']).to.include("default-src 'self'");
      expect(kept.headers['x-frame-options']).to.equal('DENY');
      expect(kept.headers['cache-control']).to.equal('public, max-age=300');
      await supertest(app)
        .get(`/${lang}${ARTICLE}`)
        .set('If-None-Match', kept.headers.etag ?? '')
        .expect(304);
    }
  });

  it('goes to a browser compressed as it asks (brotli, else gzip) and whole to a client that asks for neither', async () => {
    const server = (await buildApp()).listen(0, '127.0.0.1');
    try {
      await once(server, 'listening');
      const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/ky${ARTICLE}`;
      const whole = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
      const text = await whole.text();
      expect(whole.headers.get('content-encoding')).to.equal(null);
      expect(text).to.include('<html');
      for (const [asked, sent] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip, deflate', 'gzip'],
        ['br;q=0, gzip', 'gzip'],
      ] as const) {
        for (let reading = 0; reading < 2; reading++) {
          const response = await fetch(url, { headers: { 'Accept-Encoding': asked } });
          expect(response.headers.get('content-encoding'), asked).to.equal(sent);
          expect(response.headers.get('vary'), asked).to.match(/Accept-Encoding/);
          expect(Number(response.headers.get('content-length')), asked).to.be.below(Buffer.byteLength(text) / 2);
          expect(await response.text(), asked).to.equal(text);
          const etag = response.headers.get('etag') ?? '';
          expect(etag).not.to.equal(whole.headers.get('etag'));
          // (fetch would add `Cache-Control: no-cache` to a conditional request, as the Fetch standard says.)
          await supertest(server).get(`/ky${ARTICLE}`).set('Accept-Encoding', asked).set('If-None-Match', etag).expect(304);
        }
      }
    } finally {
      server.close();
    }
  });

  it('sends HSTS on a kept page over HTTPS only', async () => {
    const proxied = await buildApp({ TRUST_PROXY: 'loopback' });
    await supertest(proxied).get(`/en${ARTICLE}`).expect(200);
    const secure = await supertest(proxied).get(`/en${ARTICLE}`).set('X-Forwarded-Proto', 'https').expect(200);
    expect(secure.headers['strict-transport-security']).to.match(/max-age=31536000/);
    const plain = await supertest(proxied).get(`/en${ARTICLE}`).expect(200);
    expect(plain.headers).not.to.have.property('strict-transport-security');
  });

  it('is logged and counted under its route like any other request', async () => {
    const app = await buildApp();
    const before = await supertest(app).get('/metrics').expect(200);
    const count = (text: string) =>
      Number(/http_request_duration_seconds_count\{method="GET",route="\/:lang\/rights\/:slug",status="200"\} (\d+)/.exec(text)?.[1] ?? 0);
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await supertest(app).get(`/ru${ARTICLE}`).expect(200)).headers['x-request-id'] ?? '');
    const after = await supertest(app).get('/metrics').expect(200);
    expect(count(after.text) - count(before.text)).to.equal(3);
    const lines = readFileSync(TEST_LOG_FILE, 'utf8').split('\n');
    for (const id of ids) {
      const line = lines.find((candidate) => candidate.includes(`"id":"${id}"`));
      expect(line, id).to.include(`"msg":"GET /ru${ARTICLE} 200"`);
      expect(JSON.parse(line ?? '{}')).to.deep.include({ level: 30, req: { id, method: 'GET', path: `/ru${ARTICLE}` }, res: { status: 200 } });
    }
  });

  it('still remembers the language of a reader who switched to it', async () => {
    const app = await buildApp();
    await supertest(app).get('/en/privacy').expect(200);
    const kept = await supertest(app).get('/en/privacy').expect(200);
    const switched = await supertest(app).get('/en/privacy').set('Host', '127.0.0.1').set('Referer', 'http://127.0.0.1/ru/privacy').expect(200);
    expect(switched.text).to.equal(kept.text);
    expect(switched.headers['set-cookie']?.[0]).to.match(/^lang=en;/);
    expect(kept.headers).not.to.have.property('set-cookie');
  });
});

describe('the page cache on its own', () => {
  /** A one-view app whose renders are counted per path, behind the cache under test; clients told by X-Forwarded-For. */
  function cachedApp(options: { fillsPerClientPerMinute: number; hold?: () => Promise<void>; maxBytes?: number; pageBytes?: number }): {
    app: Express;
    cache: PageCache;
    renders: Map<string, number>;
  } {
    const renders = new Map<string, number>();
    // A fixed clock: the test never straddles the minute the counts are kept for.
    const cache = createPageCache({
      maxEntries: 100,
      maxBytes: options.maxBytes ?? 1024 * 1024,
      fillsPerClientPerMinute: options.fillsPerClientPerMinute,
      now: () => Date.UTC(2026, 11, 7, 9, 0, 30),
    });
    const app = express();
    app.set('trust proxy', true);
    app.engine('txt', (_file: string, locals: object, callback: (error: Error | null, html?: string) => void) => {
      void (options.hold?.() ?? Promise.resolve()).then(() => callback(null, `page ${(locals as { path: string }).path}`.padEnd(options.pageBytes ?? 0, '.')));
    });
    app.set('view engine', 'txt');
    const views = mkdtempSync(path.join(tmpdir(), 'page-cache-'));
    writeFileSync(path.join(views, 'page.txt'), '');
    app.set('views', views);
    app.use(cache.middleware);
    app.get('/:lang/{*rest}', (req, res) => {
      renders.set(req.path, (renders.get(req.path) ?? 0) + 1);
      // Pages under /en/form/ are per reader: their handler does not opt in to the cache.
      if (!req.path.startsWith('/en/form/')) keepRenderedPage(res);
      res.render('page', { path: req.path });
    });
    app.use(cache.release);
    return { app, cache, renders };
  }

  it('keeps only pages whose handler opted in: a page with a form is rendered for each reader', async () => {
    const { app, cache, renders } = cachedApp({ fillsPerClientPerMinute: 1000 });
    await supertest(app).get('/en/form/letter').expect(200);
    await supertest(app).get('/en/form/letter').expect(200);
    expect(renders.get('/en/form/letter')).to.equal(2);
    expect(cache.size).to.equal(0);
  });

  it('keeps a page under its canonical path only: spellings with escapes or a trailing slash are rendered, not kept', async () => {
    const { app, cache } = cachedApp({ fillsPerClientPerMinute: 1000 });
    await supertest(app).get('/en/rights/consent').expect(200);
    for (const spelled of ['/en/rights/c%6Fnsent', '/en/rights/consent/', '/en//rights/consent', '/en/rights/Consent', '/en/rights/consent?x=1'])
      await supertest(app).get(spelled).expect(200);
    expect(cache.size).to.equal(1);
  });

  it('lets one client add only so many pages a minute; beyond that its pages are rendered and not kept', async () => {
    const { app, cache, renders } = cachedApp({ fillsPerClientPerMinute: 5 });
    const pages = Array.from({ length: 10 }, (_, index) => `/en/rights/page-${String(index)}`);
    for (const page of pages) await supertest(app).get(page).set('X-Forwarded-For', '203.0.113.7').expect(200);
    expect(cache.size).to.equal(5);
    for (const page of pages) await supertest(app).get(page).set('X-Forwarded-For', '203.0.113.7').expect(200);
    expect(pages.map((page) => renders.get(page))).to.deep.equal([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    // Another reader still fills the cache with the pages it reads.
    await supertest(app).get('/en/rights/page-9').set('X-Forwarded-For', '198.51.100.2').expect(200);
    expect(cache.size).to.equal(6);
  });

  it('counts a page against a client once, however many of its requests render it at the same time', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    const { app, cache, renders } = cachedApp({ fillsPerClientPerMinute: 5, hold: () => (holding ? held : Promise.resolve()) });
    const agent = supertest(app);
    // A busy first minute: 20 readers behind one address open the same new page before it is first kept.
    const first = Array.from({ length: 20 }, () =>
      agent
        .get('/en/rights/consent')
        .set('X-Forwarded-For', '203.0.113.9')
        .then((r) => r.status),
    );
    while (renders.get('/en/rights/consent') !== 20) await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await Promise.all(first)).to.deep.equal(Array.from({ length: 20 }, () => 200));
    holding = false;
    for (const page of ['/en/rights/access', '/en/rights/erasure', '/en/rights/objection', '/en/rights/portability'])
      await agent.get(page).set('X-Forwarded-For', '203.0.113.9').expect(200);
    expect(cache.size).to.equal(5);
  });

  it('never holds more than its byte limit: the page read least recently goes first', async () => {
    const { app, cache, renders } = cachedApp({ fillsPerClientPerMinute: 1000, maxBytes: 100_000, pageBytes: 30_000 });
    const pages = Array.from({ length: 8 }, (_, index) => `/en/rights/page-${String(index)}`);
    for (const page of pages) {
      await supertest(app).get(page).expect(200);
      // The first page is read again each time: it is the most recent, so others go before it.
      await supertest(app)
        .get(pages[0] ?? '')
        .expect(200);
      expect(cache.bytes).to.be.at.most(100_000);
    }
    expect(cache.size).to.equal(3);
    expect(cache.bytes).to.be.above(90_000);
    await supertest(app)
      .get(pages[7] ?? '')
      .expect(200);
    await supertest(app)
      .get(pages[1] ?? '')
      .expect(200);
    expect([pages[0], pages[7], pages[1]].map((page) => renders.get(page ?? ''))).to.deep.equal([1, 1, 2]);
  });

  it('does not keep a page rendered while the cache was cleared (it may show the content that was replaced)', async () => {
    let release: () => void = () => undefined;
    let holding = true;
    const { app, cache, renders } = cachedApp({
      fillsPerClientPerMinute: 1000,
      hold: () => (holding ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    const first = supertest(app)
      .get('/en/rights/consent')
      .then((response) => response.status);
    while (!renders.has('/en/rights/consent')) await new Promise((resolve) => setImmediate(resolve));
    cache.clear();
    holding = false;
    release();
    expect(await first).to.equal(200);
    expect(cache.size).to.equal(0);
    await supertest(app).get('/en/rights/consent').expect(200);
    expect(renders.get('/en/rights/consent')).to.equal(2);
  });
});
