/**
 * The organisation picker's suggestions are limited per address (120 a minute) where they cost the database:
 * a prefix never asked before. A prefix answered before is kept (features/register/caches.ts) and answered at
 * the front door, before the limit. (That it is kept and answered there: test/unit/front-door.test.ts; here other
 * tests' register changes may empty the cache at any moment, so only the limit is asserted.)
 */
import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { buildApp, releaseApp } from '../support/app.ts';

describe('the organisation picker under a flood of new prefixes', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });
  after(async () => {
    await releaseApp(app);
  });

  it('answers 120 new prefixes a minute from one address, then refuses with a translated page', async () => {
    const tag = `zl${Date.now().toString(36)}`;
    for (let index = 0; index < 120; index++) {
      const response = await supertest(app)
        .get(`/ru/register/suggest?q=${tag}${String(index)}`)
        .expect(200);
      expect(response.body).to.deep.equal({ suggestions: [] });
    }
    const refused = await supertest(app).get(`/ru/register/suggest?q=${tag}x`).expect(429);
    expect(refused.headers['retry-after']).to.match(/^\d+$/);
    expect(refused.text).not.to.include('rate limit reached');
  });
});
