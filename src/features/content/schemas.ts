import { z } from 'zod';

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
