/**
 * /staff/holidays: the calendar of a year (everyone in the back office), and the forms that add, rename
 * (the same day again) and remove a day (admins and supervisors).
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { requestId } from '../../../http/logging.ts';
import { validate, type FormErrors } from '../../../http/validation.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import { currentStaff } from '../../staff/auth.ts';
import { can } from '../../staff/permissions.ts';
import { presentHolidays, yearHref, yearNavigation } from '../presenters/holidays.ts';
import { dayParams, holidayForm, yearQuery } from '../schemas.ts';
import { calendarOfYear, removeHoliday, saveHoliday } from '../service.ts';

interface Deps {
  knex: Knex;
}

async function renderCalendar(knex: Knex, req: Request, res: Response, form: { errors?: FormErrors; values?: Record<string, unknown> } = {}): Promise<void> {
  const query = yearQuery.safeParse(req.query);
  const year = (query.success ? query.data.year : undefined) ?? Number(bishkekToday().slice(0, 4));
  res.status(form.errors ? 400 : 200).render('staff/holidays', {
    layout: 'staff',
    title: res.locals.t('holidays.title'),
    ...yearNavigation(year),
    holidays: presentHolidays(await calendarOfYear(knex, year), res.locals.lang),
    canEdit: can(currentStaff(res).role, 'holidays.edit'),
    errors: form.errors,
    values: form.values ?? {},
    saved: Boolean(req.query.saved),
  });
}

export function holidaysPage({ knex }: Deps) {
  return (req: Request, res: Response): Promise<void> => renderCalendar(knex, req, res);
}

export function saveHolidayPost({ knex }: Deps) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = validate(holidayForm, req.body);
    if (!parsed.ok) {
      await renderCalendar(knex, req, res, { errors: parsed.errors, values: req.body as Record<string, unknown> });
      return;
    }
    await saveHoliday(knex, parsed.data, { id: currentStaff(res).id, requestId: requestId(req) });
    res.redirect(303, `${yearHref(Number(parsed.data.day.slice(0, 4)))}&saved=1`);
  };
}

export function removeHolidayPost({ knex }: Deps) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = dayParams.safeParse(req.params);
    if (!params.success) throw createHttpError(404);
    if (!(await removeHoliday(knex, params.data.day, { id: currentStaff(res).id, requestId: requestId(req) }))) throw createHttpError(404);
    res.redirect(303, `${yearHref(Number(params.data.day.slice(0, 4)))}&saved=1`);
  };
}
