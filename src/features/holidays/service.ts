/** The holiday calendar: a year of it, and changes to it, each with its audit event. */
import type { Knex } from 'knex';
import { record } from '../audit/service.ts';
import { deleteHoliday, holidaysOfYear, upsertHoliday, type HolidayRow } from './repository.ts';

export type { HolidayRow, HolidaySource } from './repository.ts';

interface Actor {
  id: number;
  requestId: string | null;
}

export async function saveHoliday(knex: Knex, holiday: Omit<HolidayRow, 'source'>, actor: Actor): Promise<void> {
  await knex.transaction(async (trx) => {
    await upsertHoliday(trx, holiday);
    await record(trx, {
      actorType: 'staff',
      actorId: actor.id,
      action: 'holiday.saved',
      entityType: 'holiday',
      entityId: holiday.day,
      requestId: actor.requestId,
    });
  });
}

export async function removeHoliday(knex: Knex, day: string, actor: Actor): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const count = await deleteHoliday(trx, day);
    if (count > 0)
      await record(trx, { actorType: 'staff', actorId: actor.id, action: 'holiday.removed', entityType: 'holiday', entityId: day, requestId: actor.requestId });
    return count > 0;
  });
}

/** The year's holidays, in date order. */
export function calendarOfYear(knex: Knex, year: number): Promise<HolidayRow[]> {
  return holidaysOfYear(knex, year);
}
