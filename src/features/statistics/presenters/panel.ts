/** A chart with its data table: what every statistics page prints for a panel, and what its CSV holds. */
import { barChart, lineChart, type ChartData } from '../svg.ts';
import type { Shown } from '../suppression.ts';

export interface Panel {
  id: string;
  heading: string;
  /** The chart as SVG markup (built from escaped text by svg.ts). */
  svg: string;
  caption: string;
  head: string[];
  /** The first cell of each row is its heading. */
  rows: string[][];
  csvHref?: string;
  jsonHref?: string;
  note?: string;
}

export type ChartKind = 'bars' | 'line';

/** A table of numbers (rows × columns) as a chart and a table; `null` prints as `fewer` ("fewer than 5"), `'hidden'` as `hidden`. */
export function panelOf(options: {
  id: string;
  heading: string;
  description: string;
  kind: ChartKind;
  rowLabels: string[];
  columnLabels: string[];
  cells: Shown[][];
  fewer: string;
  hidden?: string;
  unit?: string;
  totals?: { label: string; rowTotals: Shown[]; columnTotals: Shown[]; total: Shown };
}): Panel {
  const { cells, rowLabels, columnLabels, fewer, totals } = options;
  const chart: ChartData = {
    id: `chart-${options.id}`,
    title: options.heading,
    description: options.description,
    categories: rowLabels,
    series: columnLabels.map((label, c) => ({ label, values: cells.map((row) => (typeof row[c] === 'number' ? row[c] : null)) })),
  };
  const show = (value: Shown) => {
    if (value === null) return fewer;
    return value === 'hidden' ? (options.hidden ?? fewer) : `${String(value)}${options.unit ?? ''}`;
  };
  const rows = cells.map((row, r) => [rowLabels[r] ?? '', ...row.map(show), ...(totals ? [show(totals.rowTotals[r] ?? null)] : [])]);
  if (totals) rows.push([totals.label, ...totals.columnTotals.map(show), show(totals.total)]);
  return {
    id: options.id,
    heading: options.heading,
    svg: options.kind === 'line' ? lineChart(chart, options.unit) : barChart(chart),
    caption: options.heading,
    head: ['', ...columnLabels, ...(totals ? [totals.label] : [])],
    rows,
  };
}

/** RFC 4180 CSV: every field quoted, lines ending CRLF, a byte-order mark so spreadsheet programs read UTF-8. */
export function toCsv(head: string[], rows: string[][]): string {
  const line = (fields: string[]) => fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',');
  return `\uFEFF${[head, ...rows].map(line).join('\r\n')}\r\n`;
}
