import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import express, { type Express } from 'express';
import pino from 'pino';
import supertest from 'supertest';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { createErrorHandlers } from '../../src/http/errors.ts';
import { createLogger, httpLogger, type Logger } from '../../src/http/logging.ts';
import { configureViews } from '../../src/http/views.ts';
import { buildApp, testConfig, testLogger } from '../support/app.ts';

/** The portal's own error handler and views behind routes that fail the ways real code can. */
function failingApp(logger: Logger = testLogger()): Express {
  const app = express();
  configureViews(app, { cache: false });
  app.locals.authority = testConfig().authority;
  app.locals.assetVersion = 'test';
  app.use(httpLogger(logger));
  app.get('/:lang/boom', () => {
    throw new Error('SELECT secret FROM internals — this must never reach a page');
  });
  app.get('/:lang/database-down', () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  const { notFound, handleError } = createErrorHandlers(createTranslator({ strict: true }), logger);
  app.use(notFound);
  app.use(handleError);
  return app;
}

describe('error pages', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('404 in the language of the address', async () => {
    expect((await supertest(app).get('/ky/no-such-page').expect(404)).text).to.include('Барак табылган жок');
    expect((await supertest(app).get('/ru/no-such-page').expect(404)).text).to.include('Страница не найдена');
    expect((await supertest(app).get('/en/no-such-page').expect(404)).text).to.include('Page not found');
  });

  it('404 outside a language prefix is negotiated', async () => {
    const response = await supertest(app).get('/favicon.ico').set('Accept-Language', 'ru').expect(404);
    expect(response.text).to.include('<html lang="ru">');
  });

  it('500: a translated apology with a reference, never the error or a stack trace', async () => {
    const response = await supertest(failingApp()).get('/ru/boom').expect(500);
    expect(response.text).to.include('Извините, в работе сервиса возникла проблема');
    expect(response.text).to.include(String(response.headers['x-request-id']));
    expect(response.text).not.to.include('SELECT secret');
    expect(response.text).not.to.match(/at .*\.ts:\d+/);
  });

  it('503 when the database cannot be reached', async () => {
    const response = await supertest(failingApp()).get('/ky/database-down').expect(503);
    expect(response.text).to.include('Кызмат убактылуу жеткиликсиз');
    expect(response.text).not.to.include('ECONNREFUSED');
  });

  it('logs the failure for the operator with the reference the citizen was shown, and redacts what the portal logs', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ukuk-errors-')), 'portal.log');
    const logger = createLogger('info', pino.destination({ dest: file, sync: true }));
    const response = await supertest(failingApp(logger)).get('/ru/boom?q=someone').expect(500);
    logger.info({ password: 'hunter2' }, 'a handler logging what it should not');
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; req?: { id: string; path: string }; err?: { message: string }; password?: string });
    const reference = String(response.headers['x-request-id']);
    const failure = lines.find((line) => line.msg === 'unhandled error');
    expect(failure?.req).to.deep.include({ id: reference, path: '/ru/boom' });
    expect(failure?.err?.message).to.include('SELECT secret');
    const requestLine = lines.find((line) => line.msg === 'GET /ru/boom 500');
    expect(requestLine?.req).to.deep.include({ id: reference, path: '/ru/boom' });
    expect(lines.find((line) => line.msg.startsWith('a handler'))?.password).to.equal('[redacted]');
    expect(readFileSync(file, 'utf8')).not.to.include('someone');
  });
});
