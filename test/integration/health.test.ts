import { expect } from 'chai';
import type { Express } from 'express';
import supertest from 'supertest';
import { createKnex } from '../../src/db/database.ts';
import { buildApp } from '../support/app.ts';
import { createDatabase, dropDatabase, testDatabase } from '../support/database.ts';

describe('operations endpoints', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('/healthz answers while the process is up', async () => {
    expect((await supertest(app).get('/healthz').expect(200)).body).to.deep.equal({ status: 'ok' });
  });

  it('/readyz is 200 when the database answers and migrations are current', async () => {
    expect((await supertest(app).get('/readyz').expect(200)).body).to.deep.equal({ ready: true, database: 'up', migrations: 'current' });
  });

  it('/readyz is 503 when the database is down', async () => {
    const unreachable = createKnex('postgres://postgres:x@127.0.0.1:1/none');
    try {
      const response = await supertest(await buildApp({}, unreachable))
        .get('/readyz')
        .expect(503);
      expect(response.body).to.deep.include({ ready: false, database: 'down' });
    } finally {
      await unreachable.destroy();
    }
  });

  it('/readyz is 503 while migrations are pending', async () => {
    const { serverUrl } = testDatabase();
    const empty = await createDatabase(serverUrl, '_empty');
    const knex = createKnex(empty.url);
    try {
      const response = await supertest(await buildApp({}, knex))
        .get('/readyz')
        .expect(503);
      expect(response.body).to.deep.equal({ ready: false, database: 'up', migrations: 'pending' });
    } finally {
      await knex.destroy();
      await dropDatabase(serverUrl, empty.name);
    }
  });

  it('/metrics serves Prometheus metrics to loopback, with request durations by route pattern', async () => {
    // The second English request is served from the page cache: still counted under its route.
    await supertest(app).get('/en/privacy').expect(200);
    await supertest(app).get('/en/privacy').expect(200);
    await supertest(app).get('/ky/privacy').expect(200);
    const response = await supertest(app).get('/metrics').expect(200);
    expect(response.text).to.include('process_cpu_user_seconds_total');
    expect(response.text).to.match(/http_request_duration_seconds_count\{method="GET",route="\/:lang\/privacy",status="200"\} 3/);
  });

  it('/metrics refuses a remote client without the bearer token', async () => {
    const proxied = await buildApp({ TRUST_PROXY: 'loopback', METRICS_TOKEN: 'a-long-metrics-token-0123' });
    await supertest(proxied).get('/metrics').set('X-Forwarded-For', '203.0.113.9').expect(403);
    await supertest(proxied).get('/metrics').set('X-Forwarded-For', '203.0.113.9').set('Authorization', 'Bearer wrong-token').expect(403);
    await supertest(proxied).get('/metrics').set('X-Forwarded-For', '203.0.113.9').set('Authorization', 'Bearer a-long-metrics-token-0123').expect(200);
  });
});
