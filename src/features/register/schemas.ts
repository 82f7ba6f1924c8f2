/** The register's public queries and parameters. */
import { z } from 'zod';
import { REGIONS, SECTORS } from './reference-data.ts';

export const MAX_REGISTER_QUERY = 200;
/** Beyond this page a reader is asked to narrow the search (and nobody scans 50,000 entries 20 at a time). */
export const MAX_PAGE = 500;

const firstString = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).replace(/\s+/g, ' ').trim());

/** The search form: a query in any script or an ИНН, a sector, a region, and the page. Nonsense is ignored. */
export const registerQuery = z.object({
  q: firstString,
  sector: z.enum(SECTORS).optional().catch(undefined),
  region: z.enum(REGIONS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});
export type RegisterQuery = z.output<typeof registerQuery>;

/** A registration number as it appears in the URL of its entry: `2026-00017`. */
const registrationNumber = z.string().regex(/^\d{4}-\d{5,9}$/);

export const entryParams = z.object({ number: registrationNumber });

/** `?organisation=2026-00017` on the letter and complaint forms: the organisation they are about, if any. */
export const organisationQuery = z.object({ organisation: registrationNumber.optional().catch(undefined) });

/** The typeahead's query (`?q=`): at most 100 characters are looked at. */
export const suggestQuery = z.object({ q: firstString.transform((value) => value.slice(0, 100)) });
