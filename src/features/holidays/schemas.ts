/** The holiday calendar's forms and parameters. */
import { z } from 'zod';
import { isoDateString } from '../../http/validation.ts';

const isoDate = isoDateString('staff.errors.date');

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const holidayForm = z.object({
  day: isoDate,
  name_ky: z.string().trim().min(1, 'holidays.errors.name').max(200),
  name_ru: z.string().trim().min(1, 'holidays.errors.name').max(200),
  name_en: z.string().trim().min(1, 'holidays.errors.name').max(200),
});

export const dayParams = z.object({ day: isoDate });
