/**
 * Working-day arithmetic on the holiday calendar (pure). Dates are ISO strings (YYYY-MM-DD) in Bishkek time.
 * Saturdays and Sundays are not working days; since 2025 a holiday falling on a weekend is not moved.
 */

export function dayOfWeek(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(iso: string, holidays: ReadonlySet<string>): boolean {
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
  for (let counted = 0; counted < count; ) {
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
