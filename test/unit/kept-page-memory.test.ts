import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { createPageCache, keepRenderedPage } from '../../src/http/page-cache.ts';

/** The memory a kept page's variants really hold: the whole allocations behind their bytes. */
function heldBytes(cache: ReturnType<typeof createPageCache>, url: string): number {
  const page = cache.lookup(url);
  if (!page) throw new Error(`${url} not kept`);
  return (['identity', 'gzip', 'br'] as const).reduce((sum, encoding) => sum + page.variant(encoding).body.buffer.byteLength, 0);
}

describe('kept pages in memory', () => {
  it('hold about the bytes the cache counts, for small answers and for pages alike', async () => {
    const cache = createPageCache({ maxEntries: 1000, maxBytes: 64 * 1024 * 1024, fillsPerClientPerMinute: 1000, withQuery: true });
    const app = express();
    app.get(
      '/en/answers',
      cache.middleware,
      (req, res) => {
        keepRenderedPage(res);
        // A typeahead's few suggestions, or a results page of 20,000 characters (Cyrillic among them).
        const n = typeof req.query.n === 'string' ? req.query.n : '';
        res.json(req.query.size === 'page' ? { page: `${'Жеке маалымат '.repeat(700)}${n}` } : { answer: n });
      },
      cache.release,
    );
    const urls = Array.from({ length: 100 }, (_, n) => `/en/answers?n=${String(n)}&size=${n % 2 ? 'page' : 'small'}`);
    for (const url of urls) {
      for (const encoding of ['identity', 'gzip', 'br']) await supertest(app).get(url).set('Accept-Encoding', encoding).expect(200);
    }
    const held = urls.reduce((sum, url) => sum + heldBytes(cache, url), 0);
    // Before, each body and each compressed variant held a 64 KB allocation: 100 pages × 3 × 64 KB = 19 MB.
    expect(held).to.be.at.most(cache.bytes * 1.1);
    expect(cache.bytes).to.be.below(2 * 1024 * 1024);
  });
});
