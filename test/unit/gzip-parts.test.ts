import { expect } from 'chai';
import { gunzipSync } from 'node:zlib';
import { gzipFilled, gzipParts } from '../../src/http/gzip-parts.ts';

/** The page a browser reads: the parts with the piece between each two. */
function filled(parts: Buffer[], piece: Buffer): Buffer {
  return Buffer.concat(parts.flatMap((part, index) => (index === 0 ? [part] : [piece, part])));
}

describe('a kept page in parts, gzip-compressed once, with a piece of its own per response', () => {
  const page = [Buffer.from('<form><input name="_csrf" value="'.repeat(300)), Buffer.from('">Жөнөтүү</form>'.repeat(300)), Buffer.from('</html>')];

  it('reads back, once decompressed, as the page with the piece in each place', () => {
    const kept = gzipParts(page);
    for (const piece of [Buffer.from('token-1'), Buffer.alloc(0), Buffer.alloc(70_000, 'x')]) {
      expect(gunzipSync(gzipFilled(kept, piece)).equals(filled(page, piece)), `${piece.length} bytes`).to.equal(true);
    }
    for (const parts of [[page[0] as Buffer], [Buffer.alloc(0), Buffer.alloc(0)]]) {
      expect(gunzipSync(gzipFilled(gzipParts(parts), Buffer.from('t'))).equals(filled(parts, Buffer.from('t')))).to.equal(true);
    }
  });

  it('is a quarter of the page or less, with the piece sent as it is: its length tells nothing of its value', () => {
    const kept = gzipParts(page);
    const one = gzipFilled(kept, Buffer.from('a'.repeat(40)));
    const other = gzipFilled(kept, Buffer.from('token-that-repeats-the-page-"><input'.padEnd(40, '"')));
    expect(one.length).to.be.below(filled(page, Buffer.from('a'.repeat(40))).length / 4);
    expect(other.length).to.equal(one.length);
    expect(other.includes('token-that-repeats-the-page-')).to.equal(true);
  });
});
