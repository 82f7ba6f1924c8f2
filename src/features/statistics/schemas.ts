/** The statistics pages' queries and parameters. */
import { z } from 'zod';
import { LANGUAGES } from '../../config.ts';
import { DASHBOARD_PANELS } from './presenters/dashboard.ts';
import { CASE_TYPES, INDICATORS } from './indicators.ts';

const blank = (value: unknown) => (value === '' ? undefined : value);
/** A month as YYYY-MM, from 2000 on. */
const month = z
  .string()
  .trim()
  .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'statistics.errors.month');

/** The dashboard's filter (a GET form: blank fields are the default period and every type). */
export const dashboardQuery = z
  .object({
    from: z.preprocess(blank, month.optional()),
    to: z.preprocess(blank, month.optional()),
    type: z.preprocess(blank, z.enum(CASE_TYPES, { error: 'statistics.errors.type' }).optional()),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { message: 'statistics.errors.order', path: ['to'] })
  .refine((value) => !value.from || !value.to || Number(value.to.slice(0, 4)) - Number(value.from.slice(0, 4)) <= 10, {
    message: 'statistics.errors.range',
    path: ['from'],
  });

export const panelParams = z.object({ panel: z.enum(DASHBOARD_PANELS) });
export const indicatorParams = z.object({ indicator: z.enum(INDICATORS as [string, ...string[]]) });

export const annualQuery = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
  lang: z.preprocess(blank, z.enum(LANGUAGES).optional()),
});
