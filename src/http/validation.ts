/**
 * Turns a zod result into what a form page shows: an error summary (each entry a link to its field) and the
 * message beside each field. Schemas carry translation keys as messages; an issue without one gets a generic
 * key chosen by its code, so no English zod text ever reaches a page.
 */
import { z } from 'zod';

export interface FieldError {
  /** Field name; also the id of the input the summary links to. */
  field: string;
  /** Translation key. */
  key: string;
  /** Values for the key's placeholders, e.g. { max: 5000, count: 5000 } (`count` chooses the plural form). */
  values: Record<string, string | number>;
}

export interface FormErrors {
  /** In the order of the form, for the summary. */
  list: FieldError[];
  /** The first error of each field, for the message beside it. */
  byField: Record<string, FieldError>;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

function genericKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'validation.required' : 'validation.tooShort';
    case 'too_big':
      return 'validation.tooLong';
    case 'invalid_type':
      return 'validation.required';
    case 'invalid_value':
      return 'validation.choose';
    case 'invalid_format':
      return issue.format === 'email' ? 'validation.email' : 'validation.invalid';
    default:
      return 'validation.invalid';
  }
}

/** A length limit's number, also as `count`: the message's noun agrees with it ("at most 1 character", "5 символов"). */
function valuesOf(issue: z.core.$ZodIssue): Record<string, string | number> {
  if (issue.code === 'too_big') return { max: Number(issue.maximum), count: Number(issue.maximum) };
  if (issue.code === 'too_small') return { min: Number(issue.minimum), count: Number(issue.minimum) };
  return {};
}

/** Field errors from zod issues; messages that are translation keys are kept, anything else gets a generic key. */
export function formErrors(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const list: FieldError[] = [];
  const byField: Record<string, FieldError> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    if (byField[field]) continue;
    const key = /^[a-z][\w-]*(\.[\w-]+)+$/i.test(issue.message) && !issue.message.includes(' ') ? issue.message : genericKey(issue);
    const error = { field, key, values: valuesOf(issue) };
    byField[field] = error;
    list.push(error);
  }
  return { list, byField };
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: formErrors(result.error.issues) };
}

/** A real calendar date as YYYY-MM-DD (2026-02-30 is refused, not rolled over to March). */
export function isoDateString(messageKey: string) {
  return z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, messageKey)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, messageKey);
}
