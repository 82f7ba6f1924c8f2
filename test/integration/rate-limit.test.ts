import { expect } from 'chai';
import supertest from 'supertest';
import { buildApp } from '../support/app.ts';
import { inBatches } from '../support/batches.ts';
import { testDatabase } from '../support/database.ts';

describe('rate limits shared through PostgreSQL', () => {
  it('two instances count against one limit, and the table holds no IP address', async () => {
    // Counters left by earlier tests' PostgreSQL-backed apps would use up part of the allowance.
    await testDatabase().knex('rate_limits').delete();
    const first = await buildApp({ RATE_LIMIT_STORE: 'postgres' });
    const second = await buildApp({ RATE_LIMIT_STORE: 'postgres' });
    // Ten pairs at a time: the table counts each hit atomically, so the order of the 300 does not matter.
    await inBatches(150, 10, () =>
      Promise.all([supertest(first).post('/en/').type('form').send({}).expect(403), supertest(second).post('/en/').type('form').send({}).expect(403)]),
    );
    // 300 requests used the shared allowance: the next one is refused by either instance.
    const refused = await supertest(first).post('/en/').type('form').send({}).expect(429);
    expect(refused.text).to.include('Too many attempts');
    await supertest(second).post('/en/').type('form').send({}).expect(429);

    const rows = await testDatabase().knex('rate_limits').select('key', 'hits');
    expect(rows.length).to.be.greaterThan(0);
    for (const row of rows as { key: string; hits: number }[]) {
      expect(row.key).to.match(/^[0-9a-f]{64}$/);
      expect(row.key).not.to.include('127.0.0.1');
    }
  });
});
