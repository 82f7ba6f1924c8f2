/** The bench's result table, as printed and as written to BENCHMARKS.md. */
import type { Measurement } from './http.ts';

/** `spread`: for a row measured in several rounds, the lowest and highest of its ratios (or rates) across them. */
export type Row = Measurement & { ratio?: number; spread?: string; target: string; pass: boolean | undefined };

export function formatTable(rows: Row[]): string[] {
  // A row that is not a load measurement (memory) has no rate or latencies: shown as a dash.
  const format = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  return [
    '| scenario | req/s | p50 ms | p95 ms* | p99 ms | vs bare | spread | target | met |',
    '|---|---:|---:|---:|---:|---:|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${format(row.requestsPerSecond, 0)} | ${format(row.p50)} | ${format(row.p95)} | ${format(row.p99)} | ${row.ratio === undefined ? '—' : `${(row.ratio * 100).toFixed(0)}%`} | ${row.spread ?? ''} | ${row.target} | ${row.pass === undefined ? '' : row.pass ? 'yes' : 'NO'} |`,
    ),
  ];
}
