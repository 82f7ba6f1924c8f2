/**
 * Reference data: non-working days 2025–2027 for working-day deadlines (Labour Code as amended in 2025;
 * see ../shared/reference). Fixed holidays are certain; the dates of Orozo Ait and Kurman Ait follow the
 * moon and are announced each year, so estimated ones are marked and staff correct them at /staff/holidays.
 * Existing rows are never overwritten: a correction made by staff survives re-seeding.
 */
import type { Knex } from 'knex';
import type { SeedContext } from '../src/db/migrations.ts';

export const kind = 'reference';

type Names = [ky: string, ru: string, en: string];

const NEW_YEAR: Names = ['Жаңы жыл майрамы', 'Новогодние праздники', 'New Year holidays'];
const CHRISTMAS: Names = ['Рождество Христово', 'Рождество Христово', 'Orthodox Christmas'];
const WOMEN: Names = ['Эл аралык аялдар күнү', 'Международный женский день', "International Women's Day"];
const NOORUZ: Names = ['Нооруз майрамы', 'Нооруз', 'Nooruz'];
const MAY: Names = ['Май майрамдары', 'Майские праздники', 'May holidays'];
const INDEPENDENCE: Names = ['Эгемендүүлүк күнү', 'День независимости', 'Independence Day'];
const OROZO: Names = ['Орозо айт', 'Орозо айт', 'Orozo Ait'];
const KURMAN: Names = ['Курман айт', 'Курман айт', 'Kurman Ait'];

function range(year: number, month: number, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(month).padStart(2, '0')}-${String(from + i).padStart(2, '0')}`);
}

function fixedHolidays(year: number): [string, Names][] {
  return [
    ...range(year, 1, 1, 6).map((day): [string, Names] => [day, NEW_YEAR]),
    [`${year}-01-07`, CHRISTMAS],
    [`${year}-03-08`, WOMEN],
    [`${year}-03-21`, NOORUZ],
    // Some sources give 1–8 May; staff can remove the 9th if the calendar says so.
    ...range(year, 5, 1, 9).map((day): [string, Names] => [day, MAY]),
    [`${year}-08-31`, INDEPENDENCE],
  ];
}

/** Lunar holidays: 2025 Kurman Ait and 2026 Orozo Ait are announced dates; the rest are estimates. */
const LUNAR: [string, Names, 'seed' | 'estimated'][] = [
  ['2025-03-30', OROZO, 'estimated'],
  ['2025-06-06', KURMAN, 'seed'],
  ['2026-03-20', OROZO, 'seed'],
  ['2026-05-27', KURMAN, 'estimated'],
  ['2027-03-10', OROZO, 'estimated'],
  ['2027-05-17', KURMAN, 'estimated'],
];

export async function seed(knex: Knex, { log }: SeedContext): Promise<void> {
  const rows = [
    ...[2025, 2026, 2027].flatMap((year) => fixedHolidays(year).map(([day, names]) => ({ day, names, source: 'seed' }))),
    ...LUNAR.map(([day, names, source]) => ({ day, names, source })),
  ].map(({ day, names: [ky, ru, en], source }) => ({ day, name_ky: ky, name_ru: ru, name_en: en, source }));
  const inserted = await knex('holidays').insert(rows).onConflict('day').ignore().returning('day');
  log(`holidays: ${rows.length} days, ${inserted.length} new`);
}
