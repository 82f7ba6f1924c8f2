/** The answer clock of a case: paused while the Agency waits for the citizen, moved on by the days paused. */
import type { Knex } from 'knex';
import { addDays, bishkekToday } from '../../lib/dates.ts';
import { addWorkingDays, workingDaysBetween } from '../cases/deadlines.ts';
import { holidaySet } from '../cases/service.ts';
import type { CaseFileRow } from './case-repository.ts';

/**
 * The answer clock restarting after a pause: the due date moves by the working days paused (the Kyrgyz
 * holiday calendar applies). Shared by the `resume` transition and a citizen's reply.
 */
export async function resumedClock(
  trx: Knex.Transaction,
  paused: Pick<CaseFileRow, 'paused_date' | 'answer_due' | 'paused_working_days'>,
  today = bishkekToday(),
): Promise<{ changes: Record<string, unknown>; pausedDays: number }> {
  const changes: Record<string, unknown> = { paused_at: null, information_due: null };
  if (!paused.paused_date) return { changes, pausedDays: 0 };
  const holidays = await holidaySet(trx, paused.paused_date, addDays(today, 400));
  const pausedDays = workingDaysBetween(paused.paused_date, today, holidays);
  const answerDue = addWorkingDays(paused.answer_due, pausedDays, holidays);
  return { changes: { ...changes, answer_due: answerDue, paused_working_days: paused.paused_working_days + pausedDays }, pausedDays };
}

/** `days` working days after today (the Kyrgyz holiday calendar applies). */
export async function workingDaysFromToday(trx: Knex.Transaction, today: string, days: number): Promise<string> {
  const holidays = await holidaySet(trx, today, addDays(today, 120));
  return addWorkingDays(today, days, holidays);
}
