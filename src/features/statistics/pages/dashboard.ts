/**
 * GET /staff/dashboard: every panel under one filter (period received, type), and each panel's table as CSV.
 * Supervisors, auditors and admins see every case; a case officer sees the cases assigned to them.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { pathTo } from '../../../http/paths.ts';
import { validate } from '../../../http/validation.ts';
import { currentStaff } from '../../staff/auth.ts';
import { can } from '../../staff/permissions.ts';
import { CASE_TYPES } from '../indicators.ts';
import { presentDashboard, presentSummary } from '../presenters/dashboard.ts';
import { toCsv } from '../presenters/panel.ts';
import { dashboardQuery, panelParams } from '../schemas.ts';
import { dashboard, defaultPeriod, type DashboardFilter } from '../service.ts';

function viewerOf(res: Response) {
  const staff = currentStaff(res);
  return { id: staff.id, seesAll: can(staff.role, 'statistics.all') };
}

function csvHref(filter: DashboardFilter) {
  return (panel: string) => `${pathTo('staff.dashboard.csv', { panel })}?${new URLSearchParams({ ...filter }).toString()}`;
}

export function dashboardPage({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { t } = res.locals;
    const raw = req.query as Record<string, unknown>;
    const parsed = validate(dashboardQuery, raw);
    const viewer = viewerOf(res);
    const common = {
      layout: 'staff',
      title: t('statistics.dashboard.title'),
      ownOnly: !viewer.seesAll,
      typeItems: CASE_TYPES.map((type) => ({ value: type, label: t(`track.types.${type}`) })),
    };
    if (!parsed.ok) {
      res.status(400).render('statistics/dashboard', { ...common, values: raw, errors: parsed.errors, panels: [] });
      return;
    }
    const filter = { ...defaultPeriod(), ...parsed.data };
    const data = await dashboard(knex, filter, viewer);
    res.render('statistics/dashboard', { ...common, values: filter, summary: presentSummary(t, data), panels: presentDashboard(t, data, csvHref(filter)) });
  };
}

export function dashboardCsv({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = panelParams.safeParse(req.params);
    const query = dashboardQuery.safeParse(req.query);
    if (!params.success) throw createHttpError(404);
    if (!query.success) throw createHttpError(400);
    const filter = { ...defaultPeriod(), ...query.data };
    const data = await dashboard(knex, filter, viewerOf(res));
    const panel = presentDashboard(res.locals.t, data, csvHref(filter)).find((found) => found.id === params.data.panel);
    if (!panel) throw createHttpError(404);
    res.type('text/csv; charset=utf-8');
    res.attachment(`${panel.id}-${filter.from}-${filter.to}.csv`);
    res.send(toCsv([panel.heading, ...panel.head.slice(1)], panel.rows));
  };
}
