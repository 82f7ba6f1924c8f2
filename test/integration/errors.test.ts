import { expect } from 'chai';
import express, { type Express } from 'express';
import supertest from 'supertest';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { createErrorHandlers } from '../../src/http/errors.ts';
import { httpLogger } from '../../src/http/logging.ts';
import { configureViews } from '../../src/http/views.ts';
import { buildApp, testConfig, testLogger } from '../support/app.ts';

/** The portal's own error handler and views behind routes that fail the ways real code can. */
function failingApp(): Express {
  const app = express();
  configureViews(app, { cache: false });
  app.locals.authority = testConfig().authority;
  app.locals.assetVersion = 'test';
  app.use(httpLogger(testLogger()));
  app.get('/:lang/boom', () => {
    throw new Error('SELECT secret FROM internals — this must never reach a page');
  });
  app.get('/:lang/database-down', () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  const { notFound, handleError } = createErrorHandlers(createTranslator({ strict: true }), testLogger());
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
});
