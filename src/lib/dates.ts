/**
 * The Bishkek calendar and dates for people. Every date shown in ky/ru/en spells the month out and every time is
 * the 24-hour time in Bishkek, so no reader can take 5 December for 12 May. Deadlines, campaign periods and form
 * dates are local dates in Bishkek (`bishkekToday`).
 */

// Made once: building an Intl.DateTimeFormat costs far more than using one (it was a tenth of the server's
// time while complaints were being filed).
const BISHKEK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bishkek', year: 'numeric', month: '2-digit', day: '2-digit' });
const BISHKEK_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Bishkek',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * Month names as each language writes them after a day number. They are spelled out here rather than taken
 * from ICU: ICU's Kyrgyz patterns print 5 December as "2026-05-12" (short) or "2026-ж., 5-декабрь" (long),
 * and its English is American. Russian months are in the genitive ("5 декабря"); Kyrgyz ones carry the
 * possessive suffix of the "2026-жылдын 5-декабры" construction used in official Kyrgyz texts.
 */
const MONTHS: Record<string, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  ky: ['январы', 'февралы', 'марты', 'апрели', 'майы', 'июну', 'июлу', 'августу', 'сентябры', 'октябры', 'ноябры', 'декабры'],
};

interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** 5 December 2026 · 5 декабря 2026 г. · 2026-жылдын 5-декабры */
function spellDay({ year, month, day }: DayParts, lang: string): string {
  const months = MONTHS[lang] ?? MONTHS.en ?? [];
  const name = months[month - 1] ?? '';
  if (lang === 'ky') return `${String(year)}-жылдын ${String(day)}-${name}`;
  if (lang === 'ru') return `${String(day)} ${name} ${String(year)} г.`;
  return `${String(day)} ${name} ${String(year)}`;
}

/**
 * Asia/Bishkek has kept UTC+6 all year since 12 August 2005 (no daylight saving time): from then on its wall clock
 * is the UTC one moved by six hours, read without ICU (formatToParts cost about 10 µs a date, a quarter of a
 * millisecond on each staff queue page). Earlier moments ask ICU. test/unit/dates.test.ts checks both agree, so a
 * change in the time zone database shows there.
 */
const BISHKEK_OFFSET_MS = 6 * 60 * 60 * 1000;
const FIXED_OFFSET_SINCE = Date.UTC(2005, 7, 11, 18);

export function bishkekParts(date: Date): DayParts & { hour: number; minute: number } {
  if (date.getTime() >= FIXED_OFFSET_SINCE) {
    const local = new Date(date.getTime() + BISHKEK_OFFSET_MS);
    return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
  }
  return icuBishkekParts(date);
}

/** The same, as ICU's time zone database gives it. */
export function icuBishkekParts(date: Date): DayParts & { hour: number; minute: number } {
  const parts = Object.fromEntries(BISHKEK_PARTS.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

function isoParts(iso: string): DayParts | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
}

/**
 * A day for people, unambiguous in every language: a calendar date (YYYY-MM-DD, not shifted) or a moment's
 * day in Bishkek. Anything else comes back as it was given.
 */
export function formatDay(value: Date | string, lang: string): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : spellDay(bishkekParts(value), lang);
  const parts = isoParts(value);
  return parts ? spellDay(parts, lang) : value;
}

/** A moment in Bishkek with the 24-hour time: 5 December 2026, 14:05 · 5 декабря 2026 г., 14:05 · 2026-жылдын 5-декабры, 14:05 */
export function formatDateTime(value: Date, lang: string): string {
  if (Number.isNaN(value.getTime())) return '';
  const parts = bishkekParts(value);
  return `${spellDay(parts, lang)}, ${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
}

/** Today in Bishkek as YYYY-MM-DD: deadlines, campaign periods and form dates are local dates. */
export function bishkekToday(now = new Date()): string {
  return BISHKEK_DAY.format(now);
}

/** An ISO date moved by a number of calendar days. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The calendar days from one ISO date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 22 November 2026 / 22 ноября 2026 г. / 2026-жылдын 22-ноябры — an ISO date for people. */
export function formatLongDate(iso: string, lang: string): string {
  return formatDay(iso, lang);
}
