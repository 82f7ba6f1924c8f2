/**
 * /staff/holidays: the calendar working-day deadlines count on. Everyone in the back office can read it;
 * admins and supervisors add, rename and remove days. Deadlines already set keep their dates; new ones
 * and resumed clocks use the calendar as it is now.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { routePath } from '../../http/paths.ts';
import type { createStaffGate } from '../staff/auth.ts';
import { holidaysPage, removeHolidayPost, saveHolidayPost } from './pages/holidays.ts';

export function holidayRoutes(deps: { knex: Knex; gate: ReturnType<typeof createStaffGate> }): Router {
  const router = Router();
  const { gate } = deps;
  router.get(routePath('staff.holidays.index'), ...gate.requireStaff('holidays.view'), holidaysPage(deps));
  router.post(routePath('staff.holidays.index'), ...gate.requireStaff('holidays.edit'), saveHolidayPost(deps));
  router.post(routePath('staff.holidays.remove'), ...gate.requireStaff('holidays.edit'), removeHolidayPost(deps));
  return router;
}
