import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import express from 'express';
import rateLimit from 'express-rate-limit';
import supertest from 'supertest';
import { PackedMemoryStore } from '../../src/http/packed-memory-store.ts';

const TEN_MINUTES = 10 * 60 * 1000;

/** The options express-rate-limit passes a store's init: a window and a limit (the rest is not read). */
function rule(limit: number): Parameters<PackedMemoryStore['init']>[0] {
  return { windowMs: TEN_MINUTES, limit } as Parameters<PackedMemoryStore['init']>[0];
}

/** An app limited to `limit` requests per address and window, on a store whose clock the test moves. */
function limitedApp(store: PackedMemoryStore, limit: number) {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(rateLimit({ windowMs: TEN_MINUTES, limit, store, standardHeaders: 'draft-8', legacyHeaders: false }));
  app.get('/', (_req, res) => res.send('ok'));
  return (address: string) => supertest(app).get('/').set('X-Forwarded-For', address);
}

describe('rate-limit counters kept in memory, one number per client', () => {
  // The store's clock starts at the real time (express-rate-limit reckons the headers' seconds from it) and the
  // tests move it on.
  let clock = Date.now();
  let store: PackedMemoryStore;
  beforeEach(() => {
    clock = Math.floor(Date.now() / 1000) * 1000;
    store = new PackedMemoryStore(() => clock);
  });
  afterEach(() => store.shutdown());

  /**
   * The seconds the RateLimit header gives until the window ends: both windows end ten minutes after the store's
   * clock (which stays put), and express-rate-limit counts the seconds from the real time, which runs on while the
   * requests are answered (more than a second on a busy machine): 600 less the whole seconds gone by then.
   */
  async function answered(request: supertest.Test, remaining: number): Promise<void> {
    const before = Date.now();
    const response = await request;
    const after = Date.now();
    const [, left, seconds] = /r=(\d+); t=(\d+)$/.exec(String(response.headers.ratelimit)) ?? [];
    expect(Number(left)).to.equal(remaining);
    expect(Number(seconds)).to.be.within(600 - Math.floor((after - clock) / 1000), 600 - Math.floor((before - clock) / 1000));
  }

  it('refuses an address past its limit, and counts another address apart', async () => {
    const get = limitedApp(store, 3);
    for (let hit = 1; hit <= 3; hit++) await get('203.0.113.7').expect(200);
    await answered(get('203.0.113.7').expect(429), 0);
    await answered(get('198.51.100.2').expect(200), 2);
  });

  it("counts an address's window from its first request, whoever else came before", async () => {
    const get = limitedApp(store, 2);
    await get('198.51.100.2').expect(200);
    clock += 5 * 60 * 1000;
    await get('203.0.113.7').expect(200);
    await get('203.0.113.7').expect(200);
    await get('203.0.113.7').expect(429);
    // The first address's window ends: it may come back; the second's is half gone and still refuses it.
    clock += 5 * 60 * 1000;
    await get('198.51.100.2').expect(200);
    await get('203.0.113.7').expect(429);
    expect(store.get('203.0.113.7')?.resetTime?.getTime()).to.equal(clock + 5 * 60 * 1000);
    clock += 5 * 60 * 1000;
    await get('203.0.113.7').expect(200);
  });

  it('takes back a hit (a request that should not count) and forgets an address on reset', () => {
    store.init(rule(20));
    for (let hit = 1; hit <= 3; hit++) store.increment('203.0.113.7');
    store.decrement('203.0.113.7');
    expect(store.get('203.0.113.7')?.totalHits).to.equal(2);
    expect(store.get('203.0.113.7')?.resetTime?.getTime()).to.equal(clock + TEN_MINUTES);
    store.resetKey('203.0.113.7');
    expect(store.get('203.0.113.7')).to.equal(undefined);
  });

  it('lets go of addresses that sent nothing for a whole window', () => {
    store.init(rule(20));
    store.increment('203.0.113.7');
    store.increment('198.51.100.2');
    clock += TEN_MINUTES;
    store.dropEnded();
    expect(store.size).to.equal(2);
    clock += 2 * 60 * 1000;
    store.increment('198.51.100.2');
    clock += 8 * 60 * 1000;
    store.dropEnded();
    // The quiet address is gone; the one that came back two minutes into the window is held, in its new window.
    expect(store.size).to.equal(1);
    expect(store.get('203.0.113.7')).to.equal(undefined);
    expect(store.get('198.51.100.2')?.totalHits).to.equal(1);
  });

  it('refuses a limit beyond what it can count', () => {
    expect(() => store.init(rule(100_000))).to.throw(/counts up to/);
  });

  it('holds a crowd of 65,536 addresses in under a third of the memory express-rate-limit’s MemoryStore takes', () => {
    // In a fresh process, with full collections before and after, each store filled as a busy window fills it.
    const script = `
      import { MemoryStore } from 'express-rate-limit';
      import { PackedMemoryStore } from './src/http/packed-memory-store.ts';
      const held = {};
      for (const [name, make] of [['memory', () => new MemoryStore()], ['packed', () => new PackedMemoryStore()]]) {
        globalThis.gc();
        const before = process.memoryUsage().heapUsed;
        const store = make();
        store.init({ windowMs: 600000, limit: 300 });
        for (let i = 0; i < 65536; i++) for (let hit = 0; hit < 3; hit++) await store.increment('10.9.' + (i >> 8) + '.' + (i & 255));
        globalThis.gc();
        held[name] = process.memoryUsage().heapUsed - before;
        store.shutdown();
      }
      process.stdout.write(JSON.stringify(held));
    `;
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '--eval', script], {
      encoding: 'utf8',
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    const held = JSON.parse(output) as { memory: number; packed: number };
    expect(held.packed).to.be.below(held.memory / 3);
    expect(held.packed).to.be.below(5 * 1024 * 1024);
  });
});
