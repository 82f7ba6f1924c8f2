import { expect } from 'chai';
import { bishkekParts, formatDateTime, formatDay, formatLongDate, icuBishkekParts } from '../../src/lib/dates.ts';
import { helpers } from '../../src/http/views.ts';

// 5 December 2026, 14:05 and 12 May 2026, 02:30 in Bishkek (UTC+6): the second is still 11 May in UTC.
const DECEMBER_5 = new Date('2026-12-05T08:05:00Z');
const MAY_12 = new Date('2026-05-11T20:30:00Z');

const EXPECTED = {
  en: { dec: '5 December 2026', may: '12 May 2026', decTime: '5 December 2026, 14:05', mayTime: '12 May 2026, 02:30' },
  ru: { dec: '5 декабря 2026 г.', may: '12 мая 2026 г.', decTime: '5 декабря 2026 г., 14:05', mayTime: '12 мая 2026 г., 02:30' },
  ky: { dec: '2026-жылдын 5-декабры', may: '2026-жылдын 12-майы', decTime: '2026-жылдын 5-декабры, 14:05', mayTime: '2026-жылдын 12-майы, 02:30' },
} as const;

describe('dates for people', () => {
  for (const [lang, expected] of Object.entries(EXPECTED)) {
    it(`${lang}: 5 December and 12 May cannot be mistaken for each other`, () => {
      expect(formatDay('2026-12-05', lang)).to.equal(expected.dec);
      expect(formatDay('2026-05-12', lang)).to.equal(expected.may);
      expect(formatLongDate('2026-12-05', lang)).to.equal(expected.dec);
      expect(formatDay(DECEMBER_5, lang)).to.equal(expected.dec);
      expect(formatDay(MAY_12, lang)).to.equal(expected.may);
      expect(formatDateTime(DECEMBER_5, lang)).to.equal(expected.decTime);
      expect(formatDateTime(MAY_12, lang)).to.equal(expected.mayTime);
    });
  }

  it('the view helpers print the same, in the page language', () => {
    const options = (lang: string) => ({ data: { root: { lang } }, hash: {} }) as unknown as Parameters<typeof helpers.formatDate>[1];
    for (const [lang, expected] of Object.entries(EXPECTED)) {
      expect(helpers.formatDate('2026-12-05', options(lang))).to.equal(expected.dec);
      expect(helpers.formatDate(MAY_12, options(lang))).to.equal(expected.may);
      expect(helpers.formatDateTime(DECEMBER_5, options(lang))).to.equal(expected.decTime);
      expect(helpers.formatDateTime(MAY_12.toISOString(), options(lang))).to.equal(expected.mayTime);
    }
  });

  it('spells every month of the year in each language, midnight as 00:00', () => {
    const names = (lang: string) => Array.from({ length: 12 }, (_, index) => formatDay(`2026-${String(index + 1).padStart(2, '0')}-01`, lang));
    expect(names('ru').map((text) => text.split(' ')[1])).to.deep.equal([
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ]);
    expect(names('ky').map((text) => text.split('-').at(-1))).to.deep.equal([
      'январы',
      'февралы',
      'марты',
      'апрели',
      'майы',
      'июну',
      'июлу',
      'августу',
      'сентябры',
      'октябры',
      'ноябры',
      'декабры',
    ]);
    expect(new Set(names('en')).size).to.equal(12);
    expect(formatDateTime(new Date('2026-12-04T18:00:00Z'), 'en')).to.equal('5 December 2026, 00:00');
    expect(formatDay('not a date', 'en')).to.equal('not a date');
  });
});

describe('Bishkek wall-clock time without ICU', () => {
  it('agrees with the time zone database for every moment since the clock stopped changing (2005) and long after', () => {
    const from = Date.UTC(2005, 7, 11, 12);
    const until = Date.UTC(2040, 0, 1);
    // About every 7¾ hours (a stride that lands on every hour and minute over the years), plus the edges.
    const moments = [from, Date.UTC(2005, 7, 11, 17, 59), Date.UTC(2005, 7, 11, 18), Date.UTC(2026, 11, 31, 17, 59), Date.UTC(2026, 11, 31, 18)];
    for (let at = from; at < until; at += 27_919_993) moments.push(at);
    for (const at of moments) expect(bishkekParts(new Date(at)), new Date(at).toISOString()).to.deep.equal(icuBishkekParts(new Date(at)));
  });
});
