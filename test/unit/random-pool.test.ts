import { expect } from 'chai';
import { randomBase64url } from '../../src/lib/random-pool.ts';

describe('random values from the pool (form nonces)', () => {
  it('gives the form nonce its 22 characters, never the same twice, across many refills of the pool', () => {
    const seen = new Set<string>();
    // 5,000 × 16 bytes: the 4 KB pool is refilled about twenty times.
    for (let index = 0; index < 5000; index++) {
      const value = randomBase64url(16);
      expect(value).to.match(/^[\w-]{22}$/);
      seen.add(value);
    }
    expect(seen.size).to.equal(5000);
    // The bytes are spread evenly: each of the 64 characters appears in the first position.
    expect(new Set([...seen].map((value) => value[0])).size).to.equal(64);
  });

  it('refuses a size it cannot give', () => {
    for (const bytes of [0, -1, 1.5, 257]) expect(() => randomBase64url(bytes)).to.throw(RangeError);
  });
});
