/** The staff dashboard: each aggregate as a panel (chart, table, CSV link), in the reader's language. */
import type { Translate } from '../../../i18n/i18n.ts';
import { OPEN_STATUSES } from '../../cases/workflow.ts';
import { CASE_TYPES, histogramPercentile, OUTCOMES, SECTORS } from '../indicators.ts';
import type { Dashboard } from '../service.ts';
import { panelOf, type Panel } from './panel.ts';

const BANDS = [0, 1, 2, 3] as const;
const SEVERITIES = ['low', 'medium', 'high', 'unknown'] as const;
const HOURS = ['day', 'three_days', 'later', 'unknown'] as const;

const sectorLabel = (t: Translate, sector: string) => (sector === 'unknown' ? t('statistics.sectorUnknown') : t(`intake.sectors.${sector}`));

function count<T>(rows: readonly T[], match: (row: T) => boolean, value: (row: T) => number): number {
  return rows.filter(match).reduce((sum, row) => sum + value(row), 0);
}

function workload(t: Translate, data: Dashboard): Panel[] {
  const statuses = OPEN_STATUSES.filter((status) => data.ages.some((row) => row.status === status));
  const ages = panelOf({
    id: 'open-by-age',
    heading: t('statistics.panels.openByAge'),
    description: t('statistics.panels.openByAgeDescription'),
    kind: 'bars',
    rowLabels: statuses.map((status) => t(`casework.statuses.${status}`)),
    columnLabels: BANDS.map((band) => t(`statistics.ageBands.${String(band)}`)),
    cells: statuses.map((status) =>
      BANDS.map((band) =>
        count(
          data.ages,
          (row) => row.status === status && row.band === band,
          (row) => row.count,
        ),
      ),
    ),
    fewer: t('statistics.fewer'),
  });
  const officers = panelOf({
    id: 'officers',
    heading: t('statistics.panels.officers'),
    description: t('statistics.panels.officersDescription'),
    kind: 'bars',
    rowLabels: data.officers.map((row) => row.name ?? t('statistics.unassigned')),
    columnLabels: [t('statistics.columns.overdue'), t('statistics.columns.dueSoon'), t('statistics.columns.otherOpen')],
    cells: data.officers.map((row) => [row.overdue, row.due_soon, row.open - row.overdue - row.due_soon]),
    fewer: t('statistics.fewer'),
  });
  return [ages, officers];
}

function timeliness(t: Translate, data: Dashboard): Panel[] {
  const months = data.months.map((row) => row.month);
  const rates = panelOf({
    id: 'timeliness',
    heading: t('statistics.panels.timeliness'),
    description: t('statistics.panels.timelinessDescription'),
    kind: 'line',
    unit: '%',
    rowLabels: months,
    columnLabels: [t('statistics.columns.registeredOnTime'), t('statistics.columns.answeredOnTime')],
    cells: data.months.map((row) => [
      row.registered ? Math.round((row.registered_on_time / row.registered) * 100) : null,
      row.answered ? Math.round((row.answered_on_time / row.answered) * 100) : null,
    ]),
    fewer: t('statistics.none'),
  });
  const times = panelOf({
    id: 'decision-time',
    heading: t('statistics.panels.decisionTime'),
    description: t('statistics.panels.decisionTimeDescription'),
    kind: 'line',
    rowLabels: months,
    columnLabels: [t('statistics.columns.median'), t('statistics.columns.p90')],
    cells: months.map((month) => {
      const histogram = data.days.filter((row) => row.month === month);
      return [histogramPercentile(histogram, 0.5), histogramPercentile(histogram, 0.9)];
    }),
    fewer: t('statistics.none'),
  });
  times.note = t('statistics.decisionTimeSummary', {
    decided: String(data.days.reduce((sum, row) => sum + row.count, 0)),
    median: String(histogramPercentile(data.days, 0.5) ?? '—'),
    p90: String(histogramPercentile(data.days, 0.9) ?? '—'),
  });
  return [rates, times];
}

function results(t: Translate, data: Dashboard): Panel[] {
  const outcome = (id: string, rowKeys: readonly string[], label: (key: string) => string, key: (row: Dashboard['outcomes'][number]) => string) =>
    panelOf({
      id,
      heading: t(`statistics.panels.${id === 'outcomes-by-type' ? 'outcomesByType' : 'outcomesBySector'}`),
      description: t('statistics.panels.outcomesDescription'),
      kind: 'bars',
      rowLabels: rowKeys.map(label),
      columnLabels: OUTCOMES.map((name) => t(`casework.decisions.${name}`)),
      cells: rowKeys.map((rowKey) =>
        OUTCOMES.map((name) =>
          count(
            data.outcomes,
            (row) => key(row) === rowKey && row.outcome === name,
            (row) => row.count,
          ),
        ),
      ),
      fewer: t('statistics.fewer'),
    });
  return [
    outcome(
      'outcomes-by-type',
      CASE_TYPES,
      (type) => t(`track.types.${type}`),
      (row) => row.type,
    ),
    outcome(
      'outcomes-by-sector',
      SECTORS,
      (sector) => sectorLabel(t, sector),
      (row) => row.sector ?? 'unknown',
    ),
  ];
}

function notifiedAndComplained(t: Translate, data: Dashboard): Panel[] {
  const breaches = panelOf({
    id: 'breaches',
    heading: t('statistics.panels.breaches'),
    description: t('statistics.panels.breachesDescription'),
    kind: 'bars',
    rowLabels: SEVERITIES.map((severity) => t(`statistics.severity.${severity}`)),
    columnLabels: HOURS.map((band) => t(`statistics.hours.${band}`)),
    cells: SEVERITIES.map((severity) =>
      HOURS.map((band) =>
        count(
          data.breaches,
          (row) => row.severity === severity && row.hours_band === band,
          (row) => row.count,
        ),
      ),
    ),
    fewer: t('statistics.fewer'),
  });
  const organisations = panelOf({
    id: 'organisations',
    heading: t('statistics.panels.organisations'),
    description: t('statistics.panels.organisationsDescription'),
    kind: 'bars',
    rowLabels: data.organisations.map((row) => row.organisation),
    columnLabels: [t('statistics.columns.complaints')],
    cells: data.organisations.map((row) => [row.count]),
    fewer: t('statistics.fewer'),
  });
  return [breaches, organisations];
}

export const DASHBOARD_PANELS = [
  'open-by-age',
  'officers',
  'timeliness',
  'decision-time',
  'outcomes-by-type',
  'outcomes-by-sector',
  'breaches',
  'organisations',
] as const;

/** Every panel in order, each with its CSV link under the same filter. */
export function presentDashboard(t: Translate, data: Dashboard, csvHref: (panel: string) => string): Panel[] {
  return [...workload(t, data), ...timeliness(t, data), ...results(t, data), ...notifiedAndComplained(t, data)].map((panel) => ({
    ...panel,
    csvHref: csvHref(panel.id),
  }));
}

/** Overall percentages for the summary line above the panels. */
export function presentSummary(t: Translate, data: Dashboard) {
  const sum = (pick: (row: Dashboard['months'][number]) => number) => data.months.reduce((total, row) => total + pick(row), 0);
  const open = data.officers.reduce((total, row) => total + row.open, 0);
  const overdue = data.officers.reduce((total, row) => total + row.overdue, 0);
  const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : null);
  const registered = rate(
    sum((row) => row.registered_on_time),
    sum((row) => row.registered),
  );
  const answered = rate(
    sum((row) => row.answered_on_time),
    sum((row) => row.answered),
  );
  return [
    { label: t('statistics.summary.received'), value: String(sum((row) => row.received)) },
    { label: t('statistics.summary.open'), value: String(open) },
    { label: t('statistics.summary.overdue'), value: String(overdue) },
    { label: t('statistics.summary.registeredOnTime'), value: registered === null ? '—' : `${String(registered)}%` },
    { label: t('statistics.summary.answeredOnTime'), value: answered === null ? '—' : `${String(answered)}%` },
  ];
}
