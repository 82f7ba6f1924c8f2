import { expect } from 'chai';
import { presentHolidays, yearNavigation } from '../../src/features/holidays/presenters/holidays.ts';
import type { HolidayRow } from '../../src/features/holidays/service.ts';

const newYear: HolidayRow = { day: '2026-01-01', name_ky: 'Жаңы жыл', name_ru: 'Новый год', name_en: 'New Year', source: 'seed' };

describe('holidays presenter', () => {
  it('names each day in the reader’s language', () => {
    expect(presentHolidays([newYear], 'ky')[0]?.name).to.equal('Жаңы жыл');
    expect(presentHolidays([newYear], 'ru')[0]?.name).to.equal('Новый год');
    expect(presentHolidays([newYear], 'en')[0]?.name).to.equal('New Year');
  });

  it('gives the finished key of where the day comes from, and the link that removes it', () => {
    expect(presentHolidays([newYear, { ...newYear, day: '2026-03-08', source: 'staff' }], 'en')).to.deep.equal([
      { day: '2026-01-01', name: 'New Year', sourceKey: 'holidays.sources.seed', removeHref: '/staff/holidays/2026-01-01/delete' },
      { day: '2026-03-08', name: 'New Year', sourceKey: 'holidays.sources.staff', removeHref: '/staff/holidays/2026-03-08/delete' },
    ]);
  });

  it('links to the years before and after', () => {
    expect(yearNavigation(2026)).to.deep.equal({
      year: 2026,
      previous: { year: 2025, href: '/staff/holidays?year=2025' },
      next: { year: 2027, href: '/staff/holidays?year=2027' },
    });
  });
});
