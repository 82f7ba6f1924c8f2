/** zod schemas of the publication editor and of the public list and entry. */
import { z } from 'zod';
import type { Language } from '../../config.ts';

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const required = (max: number, key: string) => z.string({ error: key }).trim().min(1, key).max(max, 'publications.errors.tooLong');

/** The editor's form: the text, the summaries of the other two languages (required), and words to mask as well. */
export function draftForm(caseLanguage: Language) {
  const summary = (lang: Language) =>
    lang === caseLanguage ? z.preprocess(blank, z.string().max(3000).optional()) : required(3000, `publications.errors.summary_${lang}`);
  return z.object({
    text: required(40000, 'publications.errors.text'),
    summary_ky: summary('ky'),
    summary_ru: summary('ru'),
    summary_en: summary('en'),
    extraTerms: z.preprocess(
      (value) => (typeof value === 'string' ? value : ''),
      z
        .string()
        .max(4000, 'publications.errors.tooLong')
        .transform((value) =>
          value
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter((line) => line.length >= 2),
        ),
    ),
  });
}

export const listQuery = z.object({
  q: z.preprocess(blank, z.string().trim().max(200, 'publications.errors.search').optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10000).default(1)),
});

export const entryParams = z.object({ id: z.string().regex(/^\d{1,12}$/) });

export const referenceParams = z.object({ reference: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6}$/) });
