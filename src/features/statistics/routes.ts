/**
 * Statistics: the public page and open data (reading pages, kept rendered until the next daily snapshot), the
 * staff dashboard with each panel's CSV, and the annual report (HTML and PDF).
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../../config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { routePath } from '../../http/paths.ts';
import type { createStaffGate } from '../staff/auth.ts';
import { annualPage, annualPdf } from './pages/annual.ts';
import { dashboardCsv, dashboardPage } from './pages/dashboard.ts';
import { indicatorCsv, indicatorJson, openDataPage, statisticsPage, type PublicDeps } from './pages/public.ts';

export function statisticsRoutes(deps: PublicDeps): Router {
  const router = Router({ mergeParams: true });
  router.get(routePath('statistics.index'), statisticsPage(deps));
  router.get(routePath('statistics.openData'), openDataPage(deps));
  router.get(routePath('statistics.csv'), indicatorCsv(deps));
  router.get(routePath('statistics.json'), indicatorJson(deps));
  return router;
}

export function staffStatisticsRoutes(deps: {
  knex: Knex;
  translator: Translator;
  config: Pick<Config, 'authority'>;
  gate: ReturnType<typeof createStaffGate>;
}): Router {
  const router = Router();
  const { gate } = deps;
  const annual = { knex: deps.knex, translator: deps.translator, authority: deps.config.authority };
  router.get(routePath('staff.dashboard.index'), ...gate.requireStaff('statistics.view'), dashboardPage(deps));
  router.get(routePath('staff.dashboard.csv'), ...gate.requireStaff('statistics.view'), dashboardCsv(deps));
  router.get(routePath('staff.reports.annual'), ...gate.requireStaff('reports.annual'), annualPage(annual));
  router.get(routePath('staff.reports.annualPdf'), ...gate.requireStaff('reports.annual'), annualPdf(annual));
  return router;
}
