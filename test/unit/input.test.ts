import { expect } from 'chai';
import { parseQueryString, withoutControlCharacters } from '../../src/http/input.ts';

describe('input cleaning', () => {
  it('removes NUL and other control characters from every string, keeping tabs and line breaks', () => {
    expect(withoutControlCharacters({ a: 'x\u0000y', b: ['\u0007bell', 'line\r\nnext\tcol'], c: { d: 'del\u007f' } })).to.deep.equal({
      a: 'xy',
      b: ['bell', 'line\r\nnext\tcol'],
      c: { d: 'del' },
    });
  });

  it('cleans a query string, names and values', () => {
    expect({ ...(parseQueryString('q=con%00sent&x%01=1') as object) }).to.deep.equal({ q: 'consent', x: '1' });
  });
});
