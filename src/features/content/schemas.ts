import { LANGUAGES } from '../../config.ts';
import { isoDateString } from '../../http/validation.ts';
import { z } from 'zod';
import { TOPICS } from './topics.ts';
import { CHANGE_KINDS, TRANSITIONS } from './workflow.ts';

export const slugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
});

export const MAX_QUERY_LENGTH = 200;

/** The search box: any text; too long is reported, not cut silently. */
export const searchQuery = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).replace(/\s+/g, ' ').trim()),
});

/** Back office: one translation of one item, one of its versions, a step of the workflow. */
export const editParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), lang: z.enum(LANGUAGES) });
export const versionParams = editParams.extend({ number: z.coerce.number().int().positive().max(1_000_000) });
export const transitionParams = versionParams.extend({ transition: z.enum(TRANSITIONS) });

export const MAX_MARKDOWN = 50_000;
const relatedSlug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'editorial.errors.related')
  .max(80, 'editorial.errors.related');

/** The edit form. Related items are typed as slugs separated by commas or spaces. */
export const editForm = z.object({
  base: z.coerce.number().int().min(0).max(1_000_000),
  changeKind: z.enum(CHANGE_KINDS, 'editorial.errors.changeKind'),
  title: z.string().trim().min(1, 'editorial.errors.title').max(200, 'editorial.errors.titleLength'),
  summary: z.string().trim().min(1, 'editorial.errors.summary').max(600, 'editorial.errors.summaryLength'),
  legalBasis: z.string().trim().min(1, 'editorial.errors.legalBasis').max(600, 'editorial.errors.legalBasisLength'),
  lastReviewed: isoDateString('editorial.errors.lastReviewed'),
  bodyMarkdown: z.string().trim().min(1, 'editorial.errors.body').max(MAX_MARKDOWN, 'editorial.errors.bodyLength'),
  related: z
    .string()
    .trim()
    .max(1000, 'editorial.errors.related')
    .default('')
    .transform((value) => [...new Set(value.split(/[\s,]+/).filter(Boolean))])
    .pipe(z.array(relatedSlug).max(12, 'editorial.errors.related')),
  action: z.enum(['save', 'preview']).default('save'),
});

const OPTIONAL_FIELDS = {
  bodyMarkdown: z.string().trim().max(MAX_MARKDOWN, 'editorial.errors.bodyLength').default(''),
  legalBasis: z.string().trim().max(600, 'editorial.errors.legalBasisLength').default(''),
};
const relaxed = new Map<string, typeof editForm>();

/** The edit form of a kind that may leave its body or legal basis empty (a quiz question, a step of the guide). */
export function editFormWithOptional(optional: readonly (keyof typeof OPTIONAL_FIELDS | 'title' | 'summary')[]): typeof editForm {
  const names = optional.filter((name) => name in OPTIONAL_FIELDS) as (keyof typeof OPTIONAL_FIELDS)[];
  const key = names.join();
  let schema = relaxed.get(key);
  if (!schema) {
    schema = editForm.extend(Object.fromEntries(names.map((name) => [name, OPTIONAL_FIELDS[name]]))) as unknown as typeof editForm;
    relaxed.set(key, schema);
  }
  return schema;
}

/** Approving may name a date and time (Bishkek, UTC+6 all year) to publish at; empty publishes at once. */
export const transitionForm = z.object({
  publishAt: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value), 'editorial.errors.publishAt')
    .transform((value) => (value === '' ? null : new Date(`${value}:00+06:00`)))
    .refine((value) => value === null || !Number.isNaN(value.getTime()), 'editorial.errors.publishAt'),
});

export const historyQuery = z.object({
  from: z.coerce.number().int().positive().max(1_000_000).optional(),
  to: z.coerce.number().int().positive().max(1_000_000).optional(),
});

/** Where a new item goes: `kind/topic`, one of the places the public pages have. */
export const PLACEMENTS = (['rights', 'guides', 'faq'] as const).flatMap((kind) => TOPICS[kind].map((topic) => ({ kind, topic, value: `${kind}/${topic}` })));

/** A new rights article, guide or FAQ answer (campaigns have a poster and posts: they start as files). */
export const newItemForm = editForm
  .pick({ title: true, summary: true, legalBasis: true, lastReviewed: true, bodyMarkdown: true })
  .extend({
    placement: z
      .string()
      .trim()
      .refine((value) => PLACEMENTS.some((placement) => placement.value === value), 'editorial.errors.placement'),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'editorial.errors.slug')
      .max(80, 'editorial.errors.slug'),
    lang: z.enum(LANGUAGES, 'editorial.errors.lang'),
  })
  .transform(({ placement, ...rest }) => {
    const found = PLACEMENTS.find((candidate) => candidate.value === placement);
    return { ...rest, kind: found?.kind ?? 'faq', topic: found?.topic ?? 'general' };
  });
