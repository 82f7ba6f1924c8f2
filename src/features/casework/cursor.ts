/**
 * The queue's keyset cursor: the last row's sort key (a date, or a time of receipt) and its id, carried as
 * an opaque base64url token in `after`. A token that does not decode to a real calendar date or time and an
 * id is refused by the queue's schema, so '2026-13-45' never reaches PostgreSQL as a date.
 */

/** `2026-12-05` or `2026-12-05 14:03:07.123456+06` (what PostgreSQL prints for a date or a timestamptz). */
const KEY = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:[+-](\d{2})(?::(\d{2}))?)?)?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDateTime(text: string): boolean {
  const match = KEY.exec(text);
  if (!match) return false;
  // Groups a short form leaves out (the time, the offset's minutes) count as 0.
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 7, 8].map((group) => Number(match[group] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  return year >= 1 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 15 && offsetMinutes <= 59;
}

export function encodeCursor(cursor: [string, number]): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string | undefined): [string, number] | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && isRealDateTime(parsed[0]) && Number.isSafeInteger(parsed[1]))
      return [parsed[0], parsed[1] as number];
  } catch {
    return undefined;
  }
  return undefined;
}
