/**
 * Small-number suppression for published tables. A count under 5 is never shown (primary suppression), and no
 * shown total or subtotal lets a reader work a suppressed count out again (secondary suppression): every row and
 * column of the table, its totals included, is one equation "cells add up to the total", and an equation with
 * exactly one unknown gives that unknown away. So wherever a line has exactly one suppressed entry, its smallest
 * shown entry is suppressed too, until no line has exactly one.
 */

export const SUPPRESSION_THRESHOLD = 5;

/** A shown count; `null` for "fewer than 5"; `'hidden'` for a larger count hidden so that a smaller one cannot be worked out. */
export type Shown = number | null | 'hidden';

export interface CountTable {
  /** counts[row][column], whole numbers ≥ 0. */
  counts: number[][];
}

export interface SuppressedTable {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

interface Entry {
  value: number;
  hidden: boolean;
}

/** The lines of the grid (the table with its totals as an extra column and row): every row, then every column. */
function lines(grid: Entry[][]): Entry[][] {
  const width = grid[0]?.length ?? 0;
  const columns = Array.from({ length: width }, (_, c) => grid.flatMap((row) => (row[c] ? [row[c]] : [])));
  return [...grid, ...columns];
}

/** Hides the smallest shown entry of a line with exactly one hidden entry; true when something changed. */
function secondaryPass(all: Entry[][]): boolean {
  let changed = false;
  for (const line of all) {
    if (line.filter((entry) => entry.hidden).length !== 1) continue;
    const smallest = line.filter((entry) => !entry.hidden).sort((a, b) => a.value - b.value)[0];
    if (smallest) {
      smallest.hidden = true;
      changed = true;
    }
  }
  return changed;
}

function shown(entry: Entry | undefined): Shown {
  if (!entry) return null;
  if (!entry.hidden) return entry.value;
  return entry.value < SUPPRESSION_THRESHOLD ? null : 'hidden';
}

/** The table with its totals, every count under 5 hidden and nothing hidden recoverable from what is shown. */
export function suppress({ counts }: CountTable): SuppressedTable {
  const columns = counts[0]?.length ?? 0;
  const rowTotals = counts.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnTotals = Array.from({ length: columns }, (_, c) => counts.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  const total = rowTotals.reduce((sum, value) => sum + value, 0);
  const values = [...counts.map((row, r) => [...row, rowTotals[r] ?? 0]), [...columnTotals, total]];
  const grid: Entry[][] = values.map((row) => row.map((value) => ({ value, hidden: value < SUPPRESSION_THRESHOLD })));
  const all = lines(grid);
  while (secondaryPass(all));
  const totalsRow = grid[grid.length - 1] ?? [];
  return {
    cells: counts.map((row, r) => row.map((_, c) => shown(grid[r]?.[c]))),
    rowTotals: counts.map((_, r) => shown(grid[r]?.[columns])),
    columnTotals: Array.from({ length: columns }, (_, c) => shown(totalsRow[c])),
    total: shown(totalsRow[columns]),
  };
}

/** A rate (whole per cent) shown only when it is of at least 5 cases. */
export function suppressedRate(part: number, whole: number): number | null {
  if (whole < SUPPRESSION_THRESHOLD) return null;
  return Math.round((part / whole) * 100);
}
