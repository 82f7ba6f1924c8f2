/** The public-holiday calendar that working-day deadlines count on. */
import type { Knex } from 'knex';

/** Where a day comes from: the law (seeded), a staff member, or an estimate (a movable feast not yet decreed). */
export type HolidaySource = 'seed' | 'staff' | 'estimated';

export interface HolidayRow {
  day: string;
  name_ky: string;
  name_ru: string;
  name_en: string;
  source: HolidaySource;
}

export async function holidaysOfYear(knex: Knex, year: number): Promise<HolidayRow[]> {
  return knex('holidays')
    .select<HolidayRow[]>(knex.raw("to_char(day, 'YYYY-MM-DD') as day"), 'name_ky', 'name_ru', 'name_en', 'source')
    .whereBetween('day', [`${String(year)}-01-01`, `${String(year)}-12-31`])
    .orderBy('holidays.day');
}

export async function upsertHoliday(trx: Knex.Transaction, holiday: Omit<HolidayRow, 'source'>): Promise<void> {
  await trx('holidays')
    .insert({ ...holiday, source: 'staff', updated_at: trx.fn.now() })
    .onConflict('day')
    .merge(['name_ky', 'name_ru', 'name_en', 'source', 'updated_at']);
}

export async function deleteHoliday(trx: Knex.Transaction, day: string): Promise<number> {
  return trx('holidays').where({ day }).delete();
}
