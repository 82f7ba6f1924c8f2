/** Case references: PDP-2026-000123, one sequence per year. */

const REFERENCE_PATTERN = /^PDP-(\d{4})-(\d{6})$/;

export function formatReference(year: number, sequence: number): string {
  return `PDP-${year}-${String(sequence).padStart(6, '0')}`;
}

/** A typed reference, forgiving case and spaces; undefined when it cannot be one. */
export function normaliseReference(input: string): string | undefined {
  const cleaned = input.trim().toUpperCase().replace(/\s+/g, '');
  return REFERENCE_PATTERN.test(cleaned) ? cleaned : undefined;
}
