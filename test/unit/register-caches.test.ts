import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { keepRenderedPage } from '../../src/http/page-cache.ts';
import type { NotificationListener } from '../../src/db/notifications.ts';
import { createRegisterCaches, REGISTER_CHANGED_CHANNEL } from '../../src/features/register/caches.ts';
import type { Suggestion } from '../../src/features/register/suggest-repository.ts';

/** An instance's listener as the caches see it: notices delivered by hand, in process. */
function listener(): NotificationListener & { announce(channel: string): void } {
  const callbacks = new Map<string, (() => void)[]>();
  return {
    on: (channel, callback) => callbacks.set(channel, [...(callbacks.get(channel) ?? []), callback]),
    ready: () => Promise.resolve(),
    close: () => Promise.resolve(),
    announce: (channel) => callbacks.get(channel)?.forEach((callback) => callback()),
  };
}

const bank: Suggestion = { registrationNumber: '2026-00001', nameKy: 'Банк', nameRu: 'Банк', nameEn: 'Bank', inn: '01010199510001' };

describe('the register kept in memory', () => {
  it('keeps the popular searches while many readers type new prefixes in the picker', async () => {
    const caches = createRegisterCaches(listener(), []);
    // As routes.ts mounts them; readers told apart by X-Forwarded-For.
    const app = express();
    app.set('trust proxy', true);
    const answer = (req: express.Request, res: express.Response): void => {
      keepRenderedPage(res);
      res.json({ path: req.originalUrl });
    };
    app.get('/en/register', caches.pages.middleware, answer, caches.pages.release);
    app.get('/en/register/suggest', caches.suggestPages.middleware, answer, caches.suggestPages.release);
    await supertest(app).get('/en/register?q=bank').expect(200);
    expect(caches.pages.lookup('/en/register?q=bank')).not.to.equal(undefined);
    // More prefixes than the results pages' cache holds entries (512), each from a reader of its own.
    for (let typed = 0; typed < 600; typed++) {
      await supertest(app)
        .get(`/en/register/suggest?q=ba${String(typed)}`)
        .set('X-Forwarded-For', `10.0.${String(typed >> 8)}.${String(typed & 255)}`)
        .expect(200);
    }
    expect(caches.suggestPages.lookup('/en/register/suggest?q=ba599')).not.to.equal(undefined);
    expect(caches.pages.lookup('/en/register?q=bank'), 'the popular search still kept').not.to.equal(undefined);
  });

  it('loads a typeahead answer once, until the register changes', async () => {
    const notices = listener();
    const { suggestions } = createRegisterCaches(notices, ['content_changed']);
    let loads = 0;
    const load = () => Promise.resolve([bank]).finally(() => loads++);
    expect(await suggestions.get('8:ba', load)).to.deep.equal([bank]);
    expect(await suggestions.get('8:ba', load)).to.deep.equal([bank]);
    expect(loads).to.equal(1);
    notices.announce('content_changed');
    await suggestions.get('8:ba', load);
    expect(loads, 'a content change leaves the register answers').to.equal(1);
    notices.announce(REGISTER_CHANGED_CHANNEL);
    await suggestions.get('8:ba', load);
    expect(loads).to.equal(2);
  });

  it('does not keep an answer read while the register changed', async () => {
    const notices = listener();
    const { suggestions } = createRegisterCaches(notices, []);
    let loads = 0;
    const stale = suggestions.get('8:ba', async () => {
      loads++;
      notices.announce(REGISTER_CHANGED_CHANNEL);
      return Promise.resolve([bank]);
    });
    expect(await stale).to.deep.equal([bank]);
    await suggestions.get('8:ba', () => Promise.resolve([]).finally(() => loads++));
    expect(loads).to.equal(2);
  });
});
