/** The holiday calendar's view model: a year's days in the reader's language, and the links to the years around it. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { HolidayRow, HolidaySource } from '../service.ts';

const SOURCE_KEYS: Record<HolidaySource, string> = {
  seed: 'holidays.sources.seed',
  staff: 'holidays.sources.staff',
  estimated: 'holidays.sources.estimated',
};

export interface HolidayItem {
  day: string;
  name: string;
  sourceKey: string;
  removeHref: string;
}

export function presentHolidays(rows: readonly HolidayRow[], lang: Language): HolidayItem[] {
  return rows.map((row) => ({
    day: row.day,
    name: lang === 'ky' ? row.name_ky : lang === 'ru' ? row.name_ru : row.name_en,
    sourceKey: SOURCE_KEYS[row.source],
    removeHref: pathTo('staff.holidays.remove', { day: row.day }),
  }));
}

/** The calendar of a year. */
export function yearHref(year: number): string {
  return `${pathTo('staff.holidays.index')}?year=${String(year)}`;
}

export function yearNavigation(year: number): { year: number; previous: { year: number; href: string }; next: { year: number; href: string } } {
  return { year, previous: { year: year - 1, href: yearHref(year - 1) }, next: { year: year + 1, href: yearHref(year + 1) } };
}
