/**
 * The request letter's template (content of kind "letters"): its paragraphs by key, stored as the version's
 * structured fields and validated by zod. A paragraph may use only the placeholder the letter fills in for it
 * ({{organisation}}, {{name}}, {{date}}), and must keep it. On the edit page each paragraph is a field of its own.
 */
import { z } from 'zod';
import { REQUEST_TYPES, type RequestType } from '../letters/schemas.ts';

const SINGLE = ['heading', 'to', 'from', 'opening', 'legalBasis', 'deadline', 'refusal', 'escalation', 'closing'] as const;
const PER_TYPE = ['subject', 'request', 'detailsLabel'] as const;
type Key = (typeof SINGLE)[number] | (typeof PER_TYPE)[number];

export type LetterParagraphs = Record<(typeof SINGLE)[number], string> & Record<(typeof PER_TYPE)[number], Record<RequestType, string>>;
export interface LetterExtra {
  paragraphs: LetterParagraphs;
}

/** The placeholder each paragraph needs; the others take none. */
const PLACEHOLDERS: Partial<Record<Key, string>> = { to: 'organisation', from: 'name', opening: 'name', deadline: 'date' };
const LONG = new Set<Key>(['opening', 'request', 'legalBasis', 'deadline', 'refusal', 'escalation']);

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((match) => match[1] ?? '');
}

function paragraph(key: Key) {
  const needed = PLACEHOLDERS[key];
  return z
    .string()
    .trim()
    .min(1)
    .max(LONG.has(key) ? 1200 : 300)
    .refine(
      (text) => {
        const found = placeholdersIn(text);
        return needed ? found.length > 0 && found.every((name) => name === needed) : found.length === 0;
      },
      `placeholders: ${needed ? `{{${needed}}} and no other` : 'none'}`,
    );
}

const perType = (key: Key) => z.object(Object.fromEntries(REQUEST_TYPES.map((type) => [type, paragraph(key)])));

export const letterParagraphsSchema = z.object({
  ...Object.fromEntries(SINGLE.map((key) => [key, paragraph(key)])),
  ...Object.fromEntries(PER_TYPE.map((key) => [key, perType(key)])),
}) as unknown as z.ZodType<LetterParagraphs>;

/** The edit page's fields: `letter-<key>` or `letter-<key>-<type>`, and where each lives in the paragraphs. */
export const LETTER_FIELDS: { name: string; key: Key; type?: RequestType }[] = [
  ...SINGLE.map((key) => ({ name: `letter-${key}`, key })),
  ...PER_TYPE.flatMap((key) => REQUEST_TYPES.map((type) => ({ name: `letter-${key}-${type}`, key, type }))),
];

export function letterFieldInfo(name: string): { long: boolean; placeholder: string | undefined } {
  const field = LETTER_FIELDS.find((candidate) => candidate.name === name);
  return { long: field ? LONG.has(field.key) : false, placeholder: field && PLACEHOLDERS[field.key] };
}

export function letterFormValues(extra: Partial<LetterExtra>): Record<string, string> {
  const paragraphs = extra.paragraphs;
  return Object.fromEntries(
    LETTER_FIELDS.map(({ name, key, type }) => {
      const value: unknown = paragraphs?.[key];
      return [name, typeof value === 'string' ? value : type && value && typeof value === 'object' ? ((value as Record<string, string>)[type] ?? '') : ''];
    }),
  );
}

export type LetterFormResult = { ok: true; extra: LetterExtra } | { ok: false; fields: string[] };

export function parseLetterForm(body: Record<string, unknown>): LetterFormResult {
  const input: Record<string, unknown> = Object.fromEntries(PER_TYPE.map((key) => [key, {}]));
  for (const { name, key, type } of LETTER_FIELDS) {
    const raw = typeof body[name] === 'string' ? body[name] : '';
    if (type) (input[key] as Record<string, string>)[type] = raw;
    else input[key] = raw;
  }
  const parsed = letterParagraphsSchema.safeParse(input);
  if (parsed.success) return { ok: true, extra: { paragraphs: parsed.data } };
  const fields = parsed.error.issues.map((issue) => ['letter', ...issue.path.map(String)].join('-'));
  return { ok: false, fields: [...new Set(fields)] };
}

/** A paragraph with its placeholders filled in. */
export function fillParagraph(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
