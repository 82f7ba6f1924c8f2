import { expect } from 'chai';
import fc from 'fast-check';
import { accessCodeMatches, CODE_BITS, generateAccessCode, hashAccessCode, normaliseAccessCode } from '../../src/features/cases/access-code.ts';

const KEY = Buffer.alloc(32, 3);

describe('access codes', () => {
  it('are 25 digits in five groups of five: at least 80 bits, readable aloud, typed on a number pad', () => {
    expect(CODE_BITS).to.be.at.least(80);
    for (let i = 0; i < 200; i++) expect(generateAccessCode()).to.match(/^\d{5} \d{5} \d{5} \d{5} \d{5}$/);
  });

  it('use every digit about equally in every position (no modulo bias, no fixed digits)', () => {
    const counts = Array.from({ length: 25 }, () => new Array<number>(10).fill(0));
    const samples = 4000;
    for (let i = 0; i < samples; i++)
      generateAccessCode()
        .replace(/ /g, '')
        .split('')
        .forEach((digit, position) => counts[position]![Number(digit)]!++);
    for (const position of counts) for (const count of position) expect(count).to.be.within(samples / 10 - 120, samples / 10 + 120);
  });

  it('match however the citizen types them: spaces, hyphens, dashes, nothing, full-width digits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 25, maxLength: 25 }),
        fc.constantFrom(' ', '-', '', '  ', '\u2013', '\u00a0'),
        (digits, separator) => {
          const plain = digits.join('');
          const typed = plain.match(/.{5}/g)!.join(separator);
          expect(normaliseAccessCode(typed)).to.equal(plain);
          expect(accessCodeMatches(typed, hashAccessCode(plain, KEY), KEY)).to.equal(true);
        },
      ),
    );
    expect(normaliseAccessCode('１２３４５６７８９０１２３４５６７８９０１２３４５')).to.equal('1234567890123456789012345');
  });

  it('still accept the earlier 28-character codes, in either case, with or without hyphens', () => {
    const legacy = 'K7MP2QXR9FBTHJ4WZN6D3CVA8EYG';
    expect(normaliseAccessCode('k7mp-2qxr-9fbt-hj4w-zn6d-3cva-8eyg')).to.equal(legacy);
    expect(accessCodeMatches('K7MP 2QXR 9FBT HJ4W ZN6D 3CVA 8EYG', hashAccessCode(legacy, KEY), KEY)).to.equal(true);
  });

  it('refuse anything else: too short, too long, letters among digits, a missing hash', () => {
    for (const bad of ['', '1234', '12345 12345 12345 12345 1234', '12345 12345 12345 12345 123456', '12345 12345 12345 12345 1234A', 'K7MP-2QXR'])
      expect(normaliseAccessCode(bad), bad).to.equal(undefined);
    expect(accessCodeMatches(generateAccessCode(), null, KEY)).to.equal(false);
  });
});
