/** The audit viewer's filter (a GET form: blank fields are no filter). */
import { z } from 'zod';
import { isoDateString } from '../../http/validation.ts';
import { ACTOR_TYPES } from '../audit/canonical.ts';

const blank = (value: unknown) => (value === '' ? undefined : value);
const isoDate = isoDateString('staff.errors.date');

export const auditQuery = z.object({
  actorType: z.preprocess(blank, z.enum(ACTOR_TYPES, { error: 'staff.errors.filter' }).optional()),
  actorId: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[\w.:@-]{1,64}$/, 'staff.errors.filter')
      .optional(),
  ),
  entityType: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, 'staff.errors.filter')
      .optional(),
  ),
  entityId: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[\w.:@-]{1,64}$/, 'staff.errors.filter')
      .optional(),
  ),
  action: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_.]{0,63}$/, 'staff.errors.filter')
      .optional(),
  ),
  caseReference: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2,5}-\d{4}-\d{6}$/, 'staff.errors.linkedReference')
      .optional(),
  ),
  from: z.preprocess(blank, isoDate.optional()),
  to: z.preprocess(blank, isoDate.optional()),
  before: z.preprocess(blank, z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
});

export type AuditQuery = z.output<typeof auditQuery>;

export const readersParams = z.object({ reference: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{6}$/) });
