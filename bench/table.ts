/** The bench's result table, as printed and as written to BENCHMARKS.md. */
import type { Measurement } from './http.ts';

/** `spread`: for a row measured in several rounds, the lowest and highest of its ratios (or rates) across them. */
export type Row = Measurement & { ratio?: number; spread?: string; target: string; pass: boolean | undefined };

export function formatTable(rows: Row[]): string[] {
  const format = (value: number) => value.toFixed(1);
  return [
    '| scenario | req/s | p50 ms | p95 ms* | p99 ms | vs bare | spread | target | met |',
    '|---|---:|---:|---:|---:|---:|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.requestsPerSecond.toFixed(0)} | ${format(row.p50)} | ${format(row.p95)} | ${format(row.p99)} | ${row.ratio === undefined ? '—' : `${(row.ratio * 100).toFixed(0)}%`} | ${row.spread ?? ''} | ${row.target} | ${row.pass === undefined ? '' : row.pass ? 'yes' : 'NO'} |`,
    ),
  ];
}
