/**
 * The staff forms of the register: the entry's edit form (the holder's details and its arrays as flat fields
 * `a<N>_<field>`, so each problem is reported beside its own input), and marking an organisation ceased.
 */
import { z } from 'zod';
import { isoDateString } from '../../http/validation.ts';
import { innProblem, normaliseInn } from './inn.ts';
import { parseCountries, REGIONS, SECTORS } from './reference-data.ts';
import { ARRAY_TEXT_FIELDS, type DataArray, type EntryInput } from './types.ts';

/**
 * At most this many arrays are edited at once (the form shows the entry's arrays and one empty): with 12 fields
 * each, the form stays under the 500 fields the portal accepts in one body (app.ts).
 */
const MAX_EDITED_ARRAYS = 38;

const text = (max: number) => z.preprocess((value) => value ?? '', z.string().trim().max(max));
const required = (max: number, key: string) => z.preprocess((value) => value ?? '', z.string().trim().min(1, key).max(max));

export const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const holder = {
  inn: z.preprocess(
    (value) => (typeof value === 'string' ? normaliseInn(value) : ''),
    z.string().refine((value) => !innProblem(value), 'staffRegister.errors.inn'),
  ),
  nameKy: required(300, 'staffRegister.errors.nameKy'),
  nameRu: required(300, 'staffRegister.errors.nameRu'),
  nameEn: text(300),
  sector: z.enum(SECTORS, { error: 'staffRegister.errors.sector' }),
  region: z.enum(REGIONS, { error: 'staffRegister.errors.region' }),
  address: required(500, 'staffRegister.errors.address'),
  responsiblePerson: required(200, 'staffRegister.errors.responsiblePerson'),
  contactEmail: text(254).refine((value) => value === '' || z.email().safeParse(value).success, 'validation.email'),
  contactPhone: text(40),
  contactAddress: text(500),
};

function arrayShape(index: number) {
  const key = (field: string) => `a${String(index)}_${field}`;
  return {
    [key('name')]: text(300),
    [key('remove')]: z.preprocess((value) => value === 'yes', z.boolean()),
    [key('transferCountries')]: text(1000).refine((value) => parseCountries(value).unknown.length === 0, 'staffRegister.errors.country'),
    ...Object.fromEntries(ARRAY_TEXT_FIELDS.map((field) => [key(field), text(3000)])),
  };
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function arraysOf(values: Record<string, unknown>, count: number): DataArray[] {
  const arrays: DataArray[] = [];
  for (let index = 0; index < count; index++) {
    const get = (field: string): string => textOf(values[`a${String(index)}_${field}`]);
    if (values[`a${String(index)}_remove`] === true || get('name') === '') continue;
    const texts = Object.fromEntries(ARRAY_TEXT_FIELDS.map((field) => [field, get(field)])) as Record<(typeof ARRAY_TEXT_FIELDS)[number], string>;
    arrays.push({ name: get('name'), ...texts, transferCountries: parseCountries(get('transferCountries')).codes });
  }
  return arrays;
}

/** The edit form for `count` arrays; an array left without a name, or ticked "remove", is not kept. */
export function entryForm(count: number) {
  const arrays = Object.assign({}, ...Array.from({ length: count }, (_, index) => arrayShape(index))) as Record<string, z.ZodType>;
  return z
    .object({ ...holder, ...arrays })
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      for (let index = 0; index < count; index++) {
        const name = textOf((values as Record<string, unknown>)[`a${String(index)}_name`]).toLowerCase();
        const removed = (values as Record<string, unknown>)[`a${String(index)}_remove`] === true;
        if (!name || removed) continue;
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [`a${String(index)}_name`], message: 'staffRegister.errors.arrayNameTwice' });
        seen.add(name);
      }
    })
    .transform((values): EntryInput => {
      const all = values as Record<string, unknown> & Omit<EntryInput, 'arrays' | 'nameEn' | 'contactEmail' | 'contactPhone' | 'contactAddress'>;
      const orNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
      return {
        inn: all.inn,
        nameKy: all.nameKy,
        nameRu: all.nameRu,
        nameEn: orNull(all.nameEn),
        sector: all.sector,
        region: all.region,
        address: all.address,
        responsiblePerson: all.responsiblePerson,
        contactEmail: orNull(all.contactEmail),
        contactPhone: orNull(all.contactPhone),
        contactAddress: orNull(all.contactAddress),
        arrays: arraysOf(values, count),
      };
    });
}

/** How many array groups a posted form holds: one past the highest `a<N>_name` it carries (bounded). */
export function arrayCount(body: Record<string, unknown>): number {
  const indexes = Object.keys(body).flatMap((key) => {
    const match = /^a(\d{1,3})_name$/.exec(key);
    return match ? [Number(match[1])] : [];
  });
  return Math.min(MAX_EDITED_ARRAYS, indexes.length ? Math.max(...indexes) + 1 : 0);
}

export const ceaseForm = z.object({
  action: z.enum(['cease', 'reinstate'], { error: 'staffRegister.errors.action' }),
  ceasedOn: z.preprocess((value) => value ?? '', z.string()),
});

export const ceaseDate = z.object({ ceasedOn: isoDateString('staffRegister.errors.ceasedOn') });

/** The duplicate to merge into an entry, by its registration number. */
export const mergeForm = z.object({
  duplicate: z.preprocess(
    (value) => value ?? '',
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{5,9}$/, 'staffRegister.errors.duplicateNumber'),
  ),
});
