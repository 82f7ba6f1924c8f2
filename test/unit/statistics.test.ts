import { expect } from 'chai';
import { buildIndicators, histogramPercentile, lastMonths } from '../../src/features/statistics/indicators.ts';
import { panelOf, toCsv } from '../../src/features/statistics/presenters/panel.ts';
import type { PublicRow } from '../../src/features/statistics/snapshot-repository.ts';
import { suppress, suppressedRate, type Shown, type SuppressedTable } from '../../src/features/statistics/suppression.ts';
import { barChart, lineChart } from '../../src/features/statistics/svg.ts';

/** The table with its totals as one grid: rows, then the totals row; each row ends in its total. */
function grid(table: SuppressedTable): Shown[][] {
  return [...table.cells.map((row, r) => [...row, table.rowTotals[r] ?? null]), [...table.columnTotals, table.total]];
}

/** Every line (row or column, totals included) hides none or at least two entries: no hidden count is the difference of shown ones. */
function recoverable(table: SuppressedTable): string[] {
  const all = grid(table);
  const found: string[] = [];
  const hidden = (value: Shown) => typeof value !== 'number';
  all.forEach((row, r) => row.filter(hidden).length === 1 && found.push(`row ${String(r)}`));
  for (let c = 0; c < (all[0]?.length ?? 0); c++) if (all.filter((row) => hidden(row[c] ?? null)).length === 1) found.push(`column ${String(c)}`);
  return found;
}

/** A small deterministic generator, so that a failure can be run again. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('statistics: small-number suppression', () => {
  it('shows no count under 5, and hides a second count in a line with one hidden', () => {
    const table = suppress({
      counts: [
        [3, 20, 40],
        [12, 30, 50],
      ],
    });
    expect(table.cells[0]?.[0]).to.equal(null);
    // Row 0 would give 3 away as 63 − 20 − 40: its smallest other count is hidden too; column 0 likewise.
    expect(table.cells[0]?.[1]).to.equal('hidden');
    expect(table.cells[1]?.[0]).to.equal('hidden');
    expect(recoverable(table)).to.deep.equal([]);
  });

  it('hides a total under 5 and the totals that would give it away', () => {
    const table = suppress({ counts: [[2], [1], [40]] });
    expect(table.rowTotals.slice(0, 2)).to.deep.equal([null, null]);
    expect(recoverable(table)).to.deep.equal([]);
  });

  it('shows everything when every count is 5 or more', () => {
    const table = suppress({
      counts: [
        [5, 6],
        [7, 8],
      ],
    });
    expect(grid(table)).to.deep.equal([
      [5, 6, 11],
      [7, 8, 15],
      [12, 14, 26],
    ]);
  });

  it('leaves no line with exactly one hidden entry in 500 random tables, and never shows a count under 5', () => {
    const next = random(16);
    for (let run = 0; run < 500; run++) {
      const rows = 1 + Math.floor(next() * 6);
      const columns = 1 + Math.floor(next() * 6);
      const counts = Array.from({ length: rows }, () => Array.from({ length: columns }, () => Math.floor(next() ** 2 * 30)));
      const table = suppress({ counts });
      expect(recoverable(table), JSON.stringify(counts)).to.deep.equal([]);
      for (const value of grid(table).flat()) if (typeof value === 'number') expect(value, JSON.stringify(counts)).to.be.at.least(5);
    }
  });

  it('gives a rate only for at least 5 cases', () => {
    expect(suppressedRate(3, 4)).to.equal(null);
    expect(suppressedRate(4, 5)).to.equal(80);
  });
});

describe('statistics: indicators', () => {
  const row = (month: string, type: string, received: number, extra: Partial<PublicRow> = {}): PublicRow => ({
    month,
    type,
    sector: 'banking',
    outcome: null,
    received,
    registered: received,
    registered_on_time: received,
    answered: 0,
    answered_on_time: 0,
    ...extra,
  });

  it('counts the last 24 months up to the day, across a year boundary', () => {
    const months = lastMonths('2026-02-15');
    expect(months).to.have.length(24);
    expect([months[0], months.at(-1)]).to.deep.equal(['2024-03', '2026-02']);
  });

  it('builds every indicator suppressed, with rates only over 5 cases', () => {
    const indicators = buildIndicators(
      '2026-06-30',
      [
        row('2026-01', 'complaint', 30, { outcome: 'upheld' }),
        row('2026-02', 'report', 2),
        row('2025-05', 'complaint', 9, { answered: 9, answered_on_time: 6 }),
      ],
      [
        { year: '2026', days: 12, count: 3 },
        { year: '2025', days: 10, count: 3 },
        { year: '2025', days: 40, count: 2 },
      ],
    );
    const byYear = indicators.find((indicator) => indicator.id === 'received-by-year');
    expect(byYear?.rows).to.deep.equal(['2025', '2026']);
    expect(byYear?.kind === 'count' && byYear.cells[1]).to.deep.equal([30, null, null, null]);
    const timeliness = indicators.find((indicator) => indicator.id === 'timeliness-by-year');
    expect(timeliness?.cells).to.deep.equal([
      [100, 67],
      [100, null],
    ]);
    const days = indicators.find((indicator) => indicator.id === 'decision-days-by-year');
    // 2025: 10, 10, 10, 40, 40 — median 10, 90th percentile 40; 2026: fewer than 5 decisions.
    expect(days?.cells).to.deep.equal([
      [10, 40],
      [null, null],
    ]);
  });

  it('reads percentiles from a histogram as PostgreSQL percentile_cont does', () => {
    const histogram = [
      { days: 10, count: 3 },
      { days: 40, count: 1 },
    ];
    expect(histogramPercentile(histogram, 0.5)).to.equal(10);
    expect(histogramPercentile(histogram, 0.9)).to.equal(31);
    expect(histogramPercentile([], 0.5)).to.equal(null);
  });
});

describe('statistics: charts', () => {
  const data = {
    id: 'chart-test',
    title: 'Cases <by> type',
    description: 'Bars & lines',
    categories: ['Complaint', 'Report'],
    series: [
      { label: 'Upheld', values: [10, null] },
      { label: 'Not upheld', values: [4, 7] },
    ],
  };

  for (const [name, svg] of [
    ['bars', barChart(data)],
    ['line', lineChart(data, '%')],
  ] as const) {
    it(`draws ${name} as an accessible image with an escaped title, a description and a legend, without style`, () => {
      expect(svg).to.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="chart-test-t chart-test-d">/);
      expect(svg).to.include('<title id="chart-test-t">Cases &lt;by&gt; type</title>').and.include('<desc id="chart-test-d">Bars &amp; lines</desc>');
      expect(svg).to.include('>Not upheld</text>');
      expect(svg).to.not.match(/style=|<style/);
      expect(svg.match(/<pattern /g)).to.have.length(2);
      // Balanced: every opened element is closed.
      const opened = (svg.match(/<[a-z]+[\s>]/g) ?? []).length;
      const closed = (svg.match(/<\/[a-z]+>|\/>/g) ?? []).length;
      expect(opened).to.equal(closed);
    });
  }
});

describe('statistics: panels', () => {
  it('prints hidden counts in words, adds the totals row, and writes CSV a spreadsheet reads', () => {
    const panel = panelOf({
      id: 'p',
      heading: 'Heading',
      description: 'd',
      kind: 'bars',
      rowLabels: ['A', 'B'],
      columnLabels: ['x', 'y'],
      cells: [
        [null, 'hidden'],
        [10, 20],
      ],
      fewer: 'fewer than 5',
      hidden: 'not shown',
      totals: { label: 'Total', rowTotals: [7, 30], columnTotals: ['hidden', 'hidden'], total: 37 },
    });
    expect(panel.rows).to.deep.equal([
      ['A', 'fewer than 5', 'not shown', '7'],
      ['B', '10', '20', '30'],
      ['Total', 'not shown', 'not shown', '37'],
    ]);
    expect(toCsv(['', 'x'], [['a "b"', '1']])).to.equal('\uFEFF"","x"\r\n"a ""b""","1"\r\n');
  });
});
