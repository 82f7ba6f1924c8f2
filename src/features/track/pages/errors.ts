/** One form error shown in the summary and beside each field it concerns. */
import type { FieldError, FormErrors } from '../../../http/validation.ts';

export function formError(key: string, fields: readonly [string, ...string[]]): FormErrors {
  const [first] = fields;
  const error: FieldError = { field: first, key, values: {} };
  return { list: [error], byField: Object.fromEntries(fields.map((field) => [field, { ...error, field }])) };
}
