/** CSV for spreadsheets: RFC 4180 quoting, and text a spreadsheet would run as a formula made inert. */

/**
 * A CSV field: quoted when it must be; a text a spreadsheet would run as a formula (= + - @ first) gets a leading
 * apostrophe, as spreadsheets themselves write such text.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line of fields, ended as spreadsheets expect. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The byte-order mark that makes spreadsheets read a file as UTF-8. */
export const CSV_BOM = '\ufeff';
