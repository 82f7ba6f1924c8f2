/**
 * Day / month / year date fields (the GOV.UK pattern, views/partials/fields/date.hbs): the form posts
 * `<name>-day`, `<name>-month`, `<name>-year`; `collectDateParts` gathers them into `<name>: {day, month, year}`
 * before validation, and `dateParts` validates that object into an ISO date with translated messages.
 */
import { z } from 'zod';

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
