import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import { pino, type Logger } from 'pino';
import { keepReturningFreedMemory, releaseHeapPages, returnFreedMemory } from '../../src/lib/freed-memory.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const megabytes = (bytes: number) => bytes / 1024 / 1024;

/** Waits until V8 has freed the buffers it collected (it may free them on a helper thread). */
async function arrayBuffersBelow(limit: number): Promise<void> {
  for (;;) {
    collectGarbage();
    if (process.memoryUsage().arrayBuffers < limit) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Waits, a tick at a time, until `done` holds; fails saying what never came if it has not within a minute. */
async function waitUntil(done: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!done()) {
    if (performance.now() > deadline) expect.fail(`${what} did not come within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Grows V8's heap by some 150 MB of small objects, several times over, and lets them all go: the heap shrinks at the
 * next collection, and the pages it no longer needs stay in V8's pool. Returns the resident memory then.
 */
function leaveFreedHeapPages(): number {
  let made = 0;
  for (let round = 0; round < 4; round++) {
    const garbage = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `page ${String(i)}`, list: [i] }));
    made += garbage.length;
  }
  expect(made).to.equal(1_600_000);
  collectGarbage();
  return process.memoryUsage().rss;
}

/** A logger that keeps the portal's "released" lines: V8 also gives pages back on its own after some seconds idle. */
function releaseLog(): { logger: Logger; released: string[] } {
  const released: string[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(line: string) {
        if (line.includes('freed heap pages released')) released.push(line);
      },
    },
  );
  return { logger, released };
}

/**
 * The state each test of the loop starts from, whatever ran before in this process: the heap compacted (a heap
 * with room to spare would take the garbage without growing) and malloc's freed memory given back.
 */
async function startSettled(): Promise<void> {
  await releaseHeapPages();
  await returnFreedMemory();
}

describe('memory the portal frees goes back to the system', () => {
  it('gives back the free holes left between memory still in use', async () => {
    // 96 MB in 48 KB pieces (malloc serves these from its arenas), then every other one freed: 48 MB of holes
    // that malloc keeps, as pages compressed and photos cleaned under load leave them.
    const pieces: (Buffer | undefined)[] = Array.from({ length: 2048 }, () => Buffer.alloc(48 * 1024, 1));
    const before = process.memoryUsage().arrayBuffers;
    for (let index = 0; index < pieces.length; index += 2) pieces[index] = undefined;
    await arrayBuffersBelow(before - 40 * 1024 * 1024);
    const held = process.memoryUsage().rss;
    expect(await returnFreedMemory()).to.equal(true);
    const after = process.memoryUsage().rss;
    expect(megabytes(held - after)).to.be.greaterThan(30);
    // What is still in use is untouched.
    expect(pieces.filter(Boolean).every((piece) => piece?.[48 * 1024 - 1] === 1)).to.equal(true);
  });

  it("empties V8's pool of freed heap pages, which its ordinary collections keep", async () => {
    const held = leaveFreedHeapPages();
    collectGarbage();
    expect(megabytes(held - process.memoryUsage().rss)).to.be.lessThan(20);
    await releaseHeapPages();
    expect(megabytes(held - process.memoryUsage().rss)).to.be.greaterThan(50);
  });

  it('empties the pool only at a quiet moment: a busy event loop is never stopped for it', async () => {
    // Emptying the pool stops everything for 50–200 ms; under load every request in flight waited for it.
    const { logger, released } = releaseLog();
    await startSettled();
    const stop = await keepReturningFreedMemory(logger, 20);
    try {
      leaveFreedHeapPages();
      // What malloc held (the earlier tests' buffers) goes back at once, so what is left to release is V8's pool.
      await returnFreedMemory();
      const held = process.memoryUsage().rss;
      // As under load: the event loop busy but for a moment between tasks, over a couple of dozen intervals.
      let turns = 0;
      for (; turns < 12; turns++) {
        const until = performance.now() + 40;
        while (performance.now() < until) turns += 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(released).to.have.length(0);
      expect(megabytes(held - process.memoryUsage().rss)).to.be.lessThan(20);
      // Then quiet: the pool goes back.
      await waitUntil(() => released.length > 0, 'the release at a quiet moment');
      expect(megabytes(held - process.memoryUsage().rss)).to.be.greaterThan(50);
    } finally {
      stop();
    }
  });

  it('counts the growth from what malloc has given back since, so memory it held at the start hides nothing', async () => {
    // 192 MB that malloc holds freed when this starts (below a piece still in use, so free() kept it), and gives
    // back at the first interval: more than the pool will hold.
    const { logger, released } = releaseLog();
    await startSettled();
    const pieces: (Buffer | undefined)[] = Array.from({ length: 4096 }, () => Buffer.alloc(48 * 1024, 1));
    const before = process.memoryUsage().arrayBuffers;
    pieces.fill(undefined, 0, -1);
    await arrayBuffersBelow(before - 180 * 1024 * 1024);
    const stop = await keepReturningFreedMemory(logger, 20);
    try {
      const start = process.memoryUsage().rss;
      await waitUntil(() => megabytes(start - process.memoryUsage().rss) >= 150, "malloc's freed memory given back");
      const held = leaveFreedHeapPages();
      await waitUntil(() => released.length > 0, "the release of V8's pool");
      expect(megabytes(held - process.memoryUsage().rss)).to.be.greaterThan(50);
      expect(pieces.at(-1)?.[0]).to.equal(1);
    } finally {
      stop();
    }
  });

  it('does both on its own once the memory outside the heap has grown', async () => {
    const { logger, released } = releaseLog();
    await startSettled();
    const stop = await keepReturningFreedMemory(logger, 20);
    try {
      const held = leaveFreedHeapPages();
      await waitUntil(() => released.length > 0, "the release of V8's pool");
      expect(megabytes(held - process.memoryUsage().rss)).to.be.greaterThan(50);
    } finally {
      stop();
    }
  });
});
