/** The public statistics page, the open-data page, and each indicator as CSV and JSON (from the stored snapshot). */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { formatDateTime, formatLongDate } from '../../../lib/dates.ts';
import { INDICATORS, type Indicator, type IndicatorId } from '../indicators.ts';
import type { PublishedStatistics } from '../service.ts';
import type { Shown } from '../suppression.ts';
import { panelOf, toCsv, type ChartKind, type Panel } from './panel.ts';

type Axis = 'month' | 'year' | 'type' | 'sector' | 'outcome' | 'rate';

/** Each indicator's axes and chart: rows are the chart's categories, columns its series (or, `totals`, one bar per column). */
const LAYOUT: Record<IndicatorId, { rows: Axis; columns: Axis; chart: ChartKind; totals?: boolean; unit?: string }> = {
  'received-by-month': { rows: 'month', columns: 'type', chart: 'line' },
  'received-by-year': { rows: 'year', columns: 'type', chart: 'bars' },
  'sector-by-year': { rows: 'year', columns: 'sector', chart: 'bars', totals: true },
  'outcome-by-year': { rows: 'year', columns: 'outcome', chart: 'bars' },
  'outcome-by-type': { rows: 'type', columns: 'outcome', chart: 'bars' },
  'outcome-by-sector': { rows: 'sector', columns: 'outcome', chart: 'bars' },
  'timeliness-by-year': { rows: 'year', columns: 'rate', chart: 'line', unit: '%' },
  'decision-days-by-year': { rows: 'year', columns: 'rate', chart: 'line' },
};

function label(t: Translate, axis: Axis, key: string): string {
  if (axis === 'type') return t(`track.types.${key}`);
  if (axis === 'sector') return key === 'unknown' ? t('statistics.sectorUnknown') : t(`intake.sectors.${key}`);
  if (axis === 'outcome') return t(`casework.decisions.${key}`);
  if (axis === 'rate') return t(`statistics.columns.${key}`);
  return key;
}

/** An indicator as a panel: its chart, its table with totals, and its CSV and JSON links. */
export function indicatorPanel(t: Translate, lang: Language, indicator: Indicator): Panel {
  const layout = LAYOUT[indicator.id];
  const rowLabels = indicator.rows.map((key) => label(t, layout.rows, key));
  const columnLabels = indicator.columns.map((key) => label(t, layout.columns, key));
  const common = {
    id: indicator.id,
    heading: t(`statistics.indicators.${indicator.id}.title`),
    description: t(`statistics.indicators.${indicator.id}.description`),
    kind: layout.chart,
    fewer: t('statistics.fewer'),
    hidden: t('statistics.hidden'),
    unit: layout.unit,
  };
  const panel =
    indicator.kind === 'count'
      ? panelOf({
          ...common,
          rowLabels,
          columnLabels,
          cells: indicator.cells,
          totals: { label: t('statistics.total'), rowTotals: indicator.rowTotals, columnTotals: indicator.columnTotals, total: indicator.total },
        })
      : panelOf({ ...common, rowLabels, columnLabels, cells: indicator.cells });
  if (layout.totals && indicator.kind === 'count') {
    // Many columns: the chart shows each column's total (the table keeps every row).
    panel.svg = panelOf({
      ...common,
      rowLabels: columnLabels,
      columnLabels: [t('statistics.total')],
      cells: indicator.columnTotals.map((value) => [value]),
    }).svg;
  }
  return {
    ...panel,
    csvHref: pathTo('statistics.csv', { lang, indicator: indicator.id }),
    jsonHref: pathTo('statistics.json', { lang, indicator: indicator.id }),
  };
}

export function presentStatistics(t: Translate, lang: Language, published: PublishedStatistics, licence: { name: string; url: string }) {
  const checkpoint = published.checkpoint;
  return {
    title: t('statistics.title'),
    asOf: formatLongDate(published.asOf, lang),
    panels: published.indicators.map((indicator) => indicatorPanel(t, lang, indicator)),
    checkpoint: checkpoint && {
      headHash: checkpoint.headHash,
      eventCount: checkpoint.eventCount.toLocaleString(lang),
      date: formatDateTime(new Date(checkpoint.createdAt), lang),
    },
    openDataHref: pathTo('statistics.openData', { lang }),
    licence,
    breadcrumbs: [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('statistics.title') }],
  };
}

const DICTIONARY_FIELDS = ['indicator', 'as_of', 'row', 'column', 'value', 'total', 'suppressed'] as const;

export function presentOpenData(t: Translate, lang: Language, published: PublishedStatistics, licence: { name: string; url: string }) {
  return {
    title: t('statistics.openData.title'),
    asOf: formatLongDate(published.asOf, lang),
    licence,
    files: INDICATORS.map((id) => ({
      title: t(`statistics.indicators.${id}.title`),
      description: t(`statistics.indicators.${id}.description`),
      csvHref: pathTo('statistics.csv', { lang, indicator: id }),
      jsonHref: pathTo('statistics.json', { lang, indicator: id }),
    })),
    fields: DICTIONARY_FIELDS.map((name) => ({ name, description: t(`statistics.dictionary.${name}`) })),
    breadcrumbs: [
      { text: t('common.home'), href: pathTo('home', { lang }) },
      { text: t('statistics.title'), href: pathTo('statistics.index', { lang }) },
      { text: t('statistics.openData.title') },
    ],
  };
}

/** In the files: a number, or the marker of a suppressed count (explained in the data dictionary). */
const cell = (value: Shown): string => (value === null ? '<5' : value === 'hidden' ? 'x' : String(value));

function find(published: PublishedStatistics, id: IndicatorId): Indicator {
  const found = published.indicators.find((indicator) => indicator.id === id);
  if (!found) throw new Error(`indicator ${id} missing from the snapshot`);
  return found;
}

/** One line per row: the row's key, each column's value, and the row's total (counts only). */
export function presentIndicatorCsv(published: PublishedStatistics, id: IndicatorId): string {
  const indicator = find(published, id);
  const counts = indicator.kind === 'count';
  const head = ['row', ...indicator.columns, ...(counts ? ['total'] : [])];
  const rows = indicator.rows.map((row, r) => [row, ...(indicator.cells[r] ?? []).map(cell), ...(counts ? [cell(indicator.rowTotals[r] ?? null)] : [])]);
  if (counts) rows.push(['total', ...indicator.columnTotals.map(cell), cell(indicator.total)]);
  return toCsv(head, rows);
}

const json = (value: Shown) => (value === null ? { suppressed: 'fewer_than_5' } : value === 'hidden' ? { suppressed: 'hidden' } : value);

export function presentIndicatorJson(published: PublishedStatistics, id: IndicatorId, meta: { dictionary: string; licence: { name: string; url: string } }) {
  const indicator = find(published, id);
  return {
    indicator: id,
    as_of: published.asOf,
    licence: meta.licence,
    dictionary: meta.dictionary,
    columns: indicator.columns,
    rows: indicator.rows.map((row, r) => ({
      row,
      values: Object.fromEntries(indicator.columns.map((column, c) => [column, json(indicator.cells[r]?.[c] ?? null)])),
      ...(indicator.kind === 'count' ? { total: json(indicator.rowTotals[r] ?? null) } : {}),
    })),
    ...(indicator.kind === 'count'
      ? { totals: Object.fromEntries(indicator.columns.map((column, c) => [column, json(indicator.columnTotals[c] ?? null)])), total: json(indicator.total) }
      : {}),
  };
}
