/**
 * Working-day arithmetic on the holiday calendar (pure). Dates are ISO strings (YYYY-MM-DD) in Bishkek time.
 * Saturdays and Sundays are not working days; since 2025 a holiday falling on a weekend is not moved.
 */

function dayOfWeek(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

function isWorkingDay(iso: string, holidays: ReadonlySet<string>): boolean {
  const day = dayOfWeek(iso);
  return day !== 0 && day !== 6 && !holidays.has(iso);
}

function nextDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The date `count` working days after `start` (the start day itself is not counted). */
export function addWorkingDays(start: string, count: number, holidays: ReadonlySet<string>): string {
  let date = start;
  for (let counted = 0; counted < count;) {
    date = nextDay(date);
    if (isWorkingDay(date, holidays)) counted++;
  }
  return date;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  let count = 0;
  for (let date = nextDay(from); date <= to; date = nextDay(date)) if (isWorkingDay(date, holidays)) count++;
  return count;
}

/** Whole hours between two instants, rounded down (e.g. discovery of a breach and its notification). */
export function hoursBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 3_600_000);
}

/** The date `months` calendar months after `iso` (the last day of the month when that day does not exist). */
export function addMonths(iso: string, months: number): string {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface DeadlineExplanation {
  start: string;
  due: string;
  workingDays: number;
  weekendDays: number;
  /** Holidays skipped between the start and the due date. */
  holidays: string[];
}

/** How a due date follows from its start: the working days counted and the days skipped (for the case page). */
export function explainDeadline(start: string, due: string, holidays: ReadonlySet<string>): DeadlineExplanation {
  const explanation: DeadlineExplanation = { start, due, workingDays: 0, weekendDays: 0, holidays: [] };
  for (let date = nextDay(start); date <= due; date = nextDay(date)) {
    const day = dayOfWeek(date);
    if (day === 0 || day === 6) explanation.weekendDays++;
    else if (holidays.has(date)) explanation.holidays.push(date);
    else explanation.workingDays++;
  }
  return explanation;
}

export type DueState = 'overdue' | 'soon' | 'ok';

/** Overdue after the due date; due soon within `soonDays` calendar days of it. */
export function dueState(due: string | null, today: string, soonDays = 3): DueState | undefined {
  if (!due) return undefined;
  if (due < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + soonDays);
  return due <= soon.toISOString().slice(0, 10) ? 'soon' : 'ok';
}
