/**
 * Day / month / year date fields (the GOV.UK pattern, views/partials/fields/date.hbs). The form posts
 * `<name>-day`, `<name>-month`, `<name>-year`; `collectDateParts` gathers them into `<name>: {day, month, year}`
 * before validation, and `dateParts` validates that object into an ISO date with translated messages.
 */
import { z } from 'zod';

// Formatters are made once: building an Intl.DateTimeFormat costs far more than using one (it was a tenth of
// the server's time while complaints were being filed).
const BISHKEK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bishkek', year: 'numeric', month: '2-digit', day: '2-digit' });
const FORMATS = {
  /** A moment's day in Bishkek: 22 November 2026. */
  date: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Bishkek' },
  /** A moment in Bishkek: 22.11.2026, 14:05. */
  dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Bishkek' },
  /** A calendar date given as YYYY-MM-DD (no time zone to shift it). */
  calendarDate: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per language and style, built on first use. */
export function dateFormatter(lang: string, style: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(lang, FORMATS[style]);
    formatters.set(key, found);
  }
  return found;
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

/** 22 November 2026 / 22 ноября 2026 г. / 2026-ж. 22-ноябрь — an ISO date for people. */
export function formatLongDate(iso: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return dateFormatter(lang, 'calendarDate').format(new Date(`${iso}T00:00:00Z`));
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

function part(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function collectDateParts(body: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const collected: Record<string, unknown> = { ...body };
  for (const name of names) {
    collected[name] = { day: part(body[`${name}-day`]), month: part(body[`${name}-month`]), year: part(body[`${name}-year`]) };
  }
  return collected;
}

export function isoDate(parts: DateParts): string | undefined {
  if (![parts.day, parts.month, parts.year].every((value) => /^\d+$/.test(value))) return undefined;
  const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Splits an ISO date back into the three fields, to pre-fill a form. */
export function toDateParts(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export interface DateRule {
  /** Latest date allowed (ISO), with the message key when later. */
  notAfter?: { date: () => string; key: string };
  notBefore?: { date: () => string; key: string };
}

const partsSchema = z.object({ day: z.string(), month: z.string(), year: z.string() });

export function dateParts(rule: DateRule = {}) {
  return partsSchema.transform((parts, ctx) => {
    if (!parts.day && !parts.month && !parts.year) {
      ctx.addIssue({ code: 'custom', message: 'validation.date.required' });
      return z.NEVER;
    }
    const iso = isoDate(parts);
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: 'validation.date.invalid' });
      return z.NEVER;
    }
    if (rule.notAfter && iso > rule.notAfter.date()) {
      ctx.addIssue({ code: 'custom', message: rule.notAfter.key });
      return z.NEVER;
    }
    if (rule.notBefore && iso < rule.notBefore.date()) {
      ctx.addIssue({ code: 'custom', message: rule.notBefore.key });
      return z.NEVER;
    }
    return iso;
  });
}
