/**
 * /staff/holidays: the calendar working-day deadlines count on. Everyone in the back office can read it;
 * admins and supervisors add, rename and remove days. Deadlines already set keep their dates; new ones
 * and resumed clocks use the calendar as it is now.
 */
import { Router, type Request, type Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { z } from 'zod';
import { bishkekToday } from '../../lib/dates.ts';
import { requestId } from '../../http/logging.ts';
import { isoDateString, validate, type FormErrors } from '../../http/validation.ts';
import { currentStaff, type createStaffGate } from '../staff/auth.ts';
import { can } from '../staff/permissions.ts';
import { holidaysOfYear } from './repository.ts';
import { removeHoliday, saveHoliday } from './service.ts';

const isoDate = isoDateString('staff.errors.date');
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const holidayForm = z.object({
  day: isoDate,
  name_ky: z.string().trim().min(1, 'holidays.errors.name').max(200),
  name_ru: z.string().trim().min(1, 'holidays.errors.name').max(200),
  name_en: z.string().trim().min(1, 'holidays.errors.name').max(200),
});
const dayParams = z.object({ day: isoDate });

export function holidayRoutes(deps: { knex: Knex; gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const { knex, gate } = deps;

  async function page(req: Request, res: Response, errors?: FormErrors, values: Record<string, unknown> = {}, status = 200): Promise<void> {
    const query = yearQuery.safeParse(req.query);
    const year = (query.success ? query.data.year : undefined) ?? Number(bishkekToday().slice(0, 4));
    res.status(status).render('staff/holidays', {
      layout: 'staff',
      title: res.locals.t('holidays.title'),
      year,
      previous: year - 1,
      next: year + 1,
      holidays: await holidaysOfYear(knex, year),
      canEdit: can(currentStaff(res).role, 'holidays.edit'),
      errors,
      values,
      saved: req.query.saved,
    });
  }

  router.get('/holidays', ...gate.requireStaff('holidays.view'), async (req: Request, res: Response) => {
    await page(req, res);
  });

  router.post('/holidays', ...gate.requireStaff('holidays.edit'), async (req: Request, res: Response) => {
    const parsed = validate(holidayForm, req.body);
    if (!parsed.ok) {
      await page(req, res, parsed.errors, req.body as Record<string, unknown>, 400);
      return;
    }
    const user = currentStaff(res);
    await saveHoliday(knex, parsed.data, { id: user.id, requestId: requestId(req) });
    res.redirect(303, `/staff/holidays?year=${parsed.data.day.slice(0, 4)}&saved=1`);
  });

  router.post('/holidays/:day/delete', ...gate.requireStaff('holidays.edit'), async (req: Request, res: Response) => {
    const params = dayParams.safeParse(req.params);
    if (!params.success) throw createHttpError(404);
    const user = currentStaff(res);
    if (!(await removeHoliday(knex, params.data.day, { id: user.id, requestId: requestId(req) }))) throw createHttpError(404);
    res.redirect(303, `/staff/holidays?year=${params.data.day.slice(0, 4)}&saved=1`);
  });

  return router;
}
