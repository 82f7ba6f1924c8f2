/**
 * The taxpayer number (ИНН / СТИ) of the Kyrgyz Republic: 14 digits. People type it with spaces or dashes in
 * groups; it is stored and compared as the bare digits.
 *
 * The check is structural: the first digit is 0 (a legal entity), 1 or 2 (a person), and digits 2–9 are a date
 * (DDMMYYYY: the person's birth or the entity's first registration) that exists and is not in the future. No
 * published check digit was found, so none is computed.
 */

const INN_LENGTH = 14;

/** The digits of what was typed, spaces, dashes and dots dropped; anything else is kept (and refused). */
export function normaliseInn(typed: string): string {
  return typed.replace(/[\s\-.\u2010-\u2015]/g, '');
}

type InnProblem = 'length' | 'digits' | 'check';

/** What is wrong with a (normalised) ИНН, if anything. */
export function innProblem(inn: string, today: Date = new Date()): InnProblem | undefined {
  if (!/^\d*$/.test(inn)) return 'digits';
  if (inn.length !== INN_LENGTH) return 'length';
  if (!/^[012]/.test(inn)) return 'check';
  const day = Number(inn.slice(1, 3));
  const month = Number(inn.slice(3, 5));
  const year = Number(inn.slice(5, 9));
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!exists || year < 1900 || date.getTime() > today.getTime()) return 'check';
  return undefined;
}

/** Whether a search query is a (part of an) ИНН: digits only once spaces and dashes are dropped. */
export function innQuery(query: string): string | undefined {
  const digits = normaliseInn(query);
  return /^\d{4,14}$/.test(digits) ? digits : undefined;
}
