import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import { returnFreedMemory } from '../../src/lib/freed-memory.ts';

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

describe('memory the portal frees goes back to the system (glibc malloc_trim)', () => {
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
});
