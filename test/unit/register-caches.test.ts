import { expect } from 'chai';
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
