import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import express from 'express';
import pino from 'pino';
import supertest from 'supertest';
import { openFrontDoor } from '../../src/http/front-door.ts';
import { createLogger } from '../../src/http/logging.ts';
import { createPageCache, keepRenderedPage } from '../../src/http/page-cache.ts';

/**
 * A one-page app behind the page cache, with the front door open before it. `atDoor` counts the requests the door
 * answered (it records each in the metrics); `renders` counts the pages Express rendered.
 */
function portal(trustProxy: boolean | string = false) {
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'front-door-')), 'portal.log');
  const cache = createPageCache({ maxEntries: 10, maxBytes: 1024 * 1024, fillsPerClientPerMinute: 100 });
  const app = express();
  app.set('trust proxy', trustProxy);
  const views = mkdtempSync(path.join(tmpdir(), 'front-door-views-'));
  writeFileSync(path.join(views, 'page.txt'), '');
  app.set('views', views);
  app.engine('txt', (_file: string, locals: object, done: (error: Error | null, html?: string) => void) => {
    done(null, `<p>${(locals as { path: string }).path}</p>`.repeat(200));
  });
  app.set('view engine', 'txt');
  const counts = { atDoor: [] as string[], renders: 0 };
  app.use(cache.middleware);
  app.get('/:lang/rights', (req, res) => {
    counts.renders++;
    keepRenderedPage(res);
    res.set('Cache-Control', 'public, max-age=300').set('Content-Security-Policy', "default-src 'self'");
    res.render('page', { path: req.path });
  });
  app.use(cache.release);
  const logger = createLogger('info', pino.destination({ dest: logFile, sync: true }));
  openFrontDoor(app, { lookup: (url) => cache.lookup(url), logger, metrics: { recordKept: (route) => counts.atDoor.push(route) }, trustProxy });
  const logLines = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { app, counts, logLines };
}

describe('the front door (a kept page answered before Express)', () => {
  it('answers a kept page with the headers it was rendered with, its own request id, a log line and its route', async () => {
    const { app, counts, logLines } = portal();
    const rendered = await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip, br').expect(200);
    const kept = await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip, br').expect(200);
    expect(counts).to.deep.equal({ atDoor: ['/:lang/rights'], renders: 1 });
    expect(kept.text).to.equal(rendered.text);
    expect(kept.headers['content-encoding']).to.equal('br');
    for (const name of ['content-security-policy', 'cache-control', 'etag', 'vary', 'content-type', 'content-length']) {
      expect(kept.headers[name], name).to.equal(rendered.headers[name]);
    }
    expect(kept.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    const line = logLines().at(-1);
    expect(line).to.deep.include({ level: 30, service: 'ukuk', msg: 'GET /en/rights 200' });
    expect(line).to.deep.include({ req: { id: kept.headers['x-request-id'], method: 'GET', path: '/en/rights' }, res: { status: 200 } });
    expect(line?.responseTime).to.be.a('number');
  });

  it('leaves to Express what it cannot answer alone: other methods, conditional requests, other URLs, new encodings', async () => {
    const { app, counts } = portal();
    const first = await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip').expect(200);
    await supertest(app).head('/en/rights').set('Accept-Encoding', 'gzip').expect(200);
    await supertest(app)
      .get('/en/rights')
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', first.headers.etag ?? '')
      .expect(304);
    await supertest(app).get('/en/rights?utm=x').set('Accept-Encoding', 'gzip').expect(200);
    await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip;q=0.5, identity;q=0.9, x-new').expect(200);
    expect(counts.atDoor).to.deep.equal([]);
    await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip;q=0.5, identity;q=0.9, x-new').expect(200);
    expect(counts.atDoor).to.have.length(1);
  });

  it('lets the router remember the language of a reader who switched, and refuses nothing the proxy guard would', async () => {
    const { app, counts } = portal();
    await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip').expect(200);
    await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip').set('Host', 'portal.kg').set('Referer', 'http://portal.kg/ru/rights').expect(200);
    await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip').set('X-Forwarded-For', '203.0.113.9').expect(200);
    expect(counts.atDoor).to.deep.equal([]);
    await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip').set('Host', 'portal.kg').set('Referer', 'http://portal.kg/en/').expect(200);
    expect(counts.atDoor).to.have.length(1);
  });

  it('behind a trusted proxy, answers relayed requests and sends HSTS only to those that came over HTTPS', async () => {
    const { app, counts } = portal('loopback');
    await supertest(app).get('/en/rights').set('Accept-Encoding', 'gzip').expect(200);
    const secure = await supertest(app)
      .get('/en/rights')
      .set('Accept-Encoding', 'gzip')
      .set('X-Forwarded-For', '203.0.113.9')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    const plain = await supertest(app)
      .get('/en/rights')
      .set('Accept-Encoding', 'gzip')
      .set('X-Forwarded-For', '203.0.113.9')
      .set('X-Forwarded-Proto', 'http')
      .expect(200);
    expect(counts.atDoor).to.have.length(2);
    expect(secure.headers['strict-transport-security']).to.equal('max-age=31536000; includeSubDomains');
    expect(plain.headers).not.to.have.property('strict-transport-security');
  });

  it('keeps a JSON answer its handler marked, and answers it again as JSON before the limit behind it', async () => {
    const cache = createPageCache({ maxEntries: 10, maxBytes: 1024 * 1024, fillsPerClientPerMinute: 100, withQuery: true });
    const app = express();
    const counts = { atDoor: 0, answered: 0, limited: 0 };
    // A limit of two answers: only what reaches the handler is counted against it.
    const limit = (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (++counts.limited > 2) res.status(429).json({ error: 'too many' });
      else next();
    };
    app.get(
      '/:lang/register/suggest',
      cache.middleware,
      limit,
      (req, res) => {
        counts.answered++;
        if (req.query.keep !== 'no') keepRenderedPage(res);
        res.set('Cache-Control', 'public, max-age=60').json({ suggestions: [{ name: typeof req.query.q === 'string' ? req.query.q : '' }] });
      },
      cache.release,
    );
    const logger = createLogger('silent');
    openFrontDoor(app, { lookup: (url) => cache.lookup(url), logger, metrics: { recordKept: () => counts.atDoor++ }, trustProxy: false });
    const first = await supertest(app).get('/en/register/suggest?q=ba').set('Accept-Encoding', 'gzip').expect(200);
    await supertest(app).get('/en/register/suggest?q=be&keep=no').expect(200);
    for (let again = 0; again < 3; again++) {
      const kept = await supertest(app).get('/en/register/suggest?q=ba').set('Accept-Encoding', 'gzip').expect(200);
      expect(kept.body).to.deep.equal({ suggestions: [{ name: 'ba' }] });
      expect(kept.headers['content-type']).to.equal('application/json; charset=utf-8').and.equal(first.headers['content-type']);
      expect(kept.headers['cache-control']).to.equal('public, max-age=60');
    }
    await supertest(app).get('/en/register/suggest?q=be&keep=no').expect(429);
    expect(counts).to.deep.equal({ atDoor: 3, answered: 2, limited: 3 });
  });
});
