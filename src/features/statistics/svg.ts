/**
 * Charts as SVG text, drawn on the server: horizontal (stacked) bars and a line over time. Each chart is an
 * image with a title and a description (role="img", <title>, <desc>); the numbers are in the table beside it.
 * Series differ by pattern and by a label in the legend, not by colour alone, and every colour has at least 3:1
 * contrast on white. Only presentation attributes: the pages' CSP allows no style attribute or element.
 */

interface Series {
  label: string;
  /** One value per category; `null` (suppressed) draws nothing. */
  values: (number | null)[];
}

export interface ChartData {
  /** Unique on the page: the ids of the title, description and patterns start with it. */
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: Series[];
}

/** Colours with ≥ 3:1 contrast on white, and a pattern for each so that meaning is not in colour alone. */
const PALETTE = ['#1d70b8', '#b1400f', '#00703c', '#6f3c97', '#505a5f', '#8a5a00'] as const;
const PATTERNS = ['solid', 'stripes', 'dots', 'cross', 'solid', 'stripes'] as const;

const WIDTH = 640;
const LABEL_WIDTH = 230;
const BAR = 18;
const GAP = 10;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** The colour of the series at `index`. */
export function seriesColour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? PALETTE[0];
}

function patternDef(id: string, index: number): string {
  const colour = seriesColour(index);
  const kind = PATTERNS[index % PATTERNS.length] ?? 'solid';
  const marks: Record<(typeof PATTERNS)[number], string> = {
    solid: '',
    stripes: `<path d="M0,8 L8,0" stroke="#ffffff" stroke-width="2"/>`,
    dots: `<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>`,
    cross: `<path d="M0,4 H8 M4,0 V8" stroke="#ffffff" stroke-width="1.5"/>`,
  };
  return `<pattern id="${id}-p${String(index)}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${colour}"/>${marks[kind]}</pattern>`;
}

function frame(data: ChartData, height: number, body: string): string {
  const id = escapeXml(data.id);
  const defs = data.series.map((_, index) => patternDef(id, index)).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${String(WIDTH)} ${String(height)}" width="${String(WIDTH)}" height="${String(height)}" role="img" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeXml(data.title)}</title><desc id="${id}-d">${escapeXml(data.description)}</desc>` +
    `<defs>${defs}</defs>${legend(data)}${body}</svg>`
  );
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Two legend entries a line, above the plot; none for a single series. */
function legendHeight(data: ChartData): number {
  return data.series.length < 2 ? 0 : Math.ceil(data.series.length / 2) * 18 + 8;
}

function legend(data: ChartData): string {
  if (data.series.length < 2) return '';
  return data.series
    .map((series, index) => {
      const x = 8 + (index % 2) * 316;
      const y = 8 + Math.floor(index / 2) * 18;
      return `<rect x="${String(x)}" y="${String(y)}" width="12" height="12" fill="url(#${escapeXml(data.id)}-p${String(index)})" stroke="#0b0c0c" stroke-width="0.5"/><text x="${String(x + 18)}" y="${String(y + 10)}" font-size="12" fill="#0b0c0c">${escapeXml(shorten(series.label, 44))}</text>`;
    })
    .join('');
}

/** Horizontal bars, one per category; several series are stacked, with each segment's pattern. */
export function barChart(data: ChartData): string {
  const totals = data.categories.map((_, c) => data.series.reduce((sum, series) => sum + (series.values[c] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const scale = (WIDTH - LABEL_WIDTH - 60) / max;
  const top = legendHeight(data) + 12;
  const rows = data.categories.map((category, c) => {
    const y = top + c * (BAR + GAP);
    let x = LABEL_WIDTH;
    const segments = data.series.map((series, s) => {
      const width = (series.values[c] ?? 0) * scale;
      const rect =
        width > 0
          ? `<rect x="${x.toFixed(1)}" y="${String(y)}" width="${width.toFixed(1)}" height="${String(BAR)}" fill="url(#${escapeXml(data.id)}-p${String(s)})" stroke="#0b0c0c" stroke-width="0.5"/>`
          : '';
      x += width;
      return rect;
    });
    const label = `<text x="${String(LABEL_WIDTH - 6)}" y="${String(y + 13)}" font-size="11" text-anchor="end" fill="#0b0c0c">${escapeXml(shorten(category, 28))}</text>`;
    // A bar with a suppressed part has no total to print: the table beside the chart says what is hidden.
    const whole = data.series.every((series) => series.values[c] !== null);
    const value = whole ? `<text x="${(x + 4).toFixed(1)}" y="${String(y + 13)}" font-size="12" fill="#0b0c0c">${String(totals[c])}</text>` : '';
    return label + segments.join('') + value;
  });
  const axis = `<path d="M${String(LABEL_WIDTH)},${String(top - 4)} V${String(top + data.categories.length * (BAR + GAP))}" stroke="#0b0c0c"/>`;
  return frame(data, top + data.categories.length * (BAR + GAP) + 8, rows.join('') + axis);
}

/** One line per series over the categories (months, years), with a marker of the series' pattern at each point. */
export function lineChart(data: ChartData, unit = ''): string {
  const height = 260;
  const top = legendHeight(data) + 16;
  const bottom = height - 40;
  const left = 48;
  // Percentages on a 0–100 scale, so that months compare; other measures up to their largest value.
  const max = unit === '%' ? 100 : Math.max(1, ...data.series.flatMap((series) => series.values.map((value) => value ?? 0)));
  const step = data.categories.length > 1 ? (WIDTH - left - 24) / (data.categories.length - 1) : 0;
  const at = (c: number, value: number) => [left + c * step, bottom - (value / max) * (bottom - top)] as const;
  const lines = data.series.map((series, s) => {
    const points = series.values.map((value, c) => (value === null ? undefined : at(c, value)));
    const path = points.map((point, c) => (point ? `${c === 0 || !points[c - 1] ? 'M' : 'L'}${point[0].toFixed(1)},${point[1].toFixed(1)}` : '')).join(' ');
    const colour = seriesColour(s);
    const marks = points
      .map((point) =>
        point
          ? `<rect x="${(point[0] - 5).toFixed(1)}" y="${(point[1] - 5).toFixed(1)}" width="10" height="10" fill="url(#${escapeXml(data.id)}-p${String(s)})" stroke="#0b0c0c" stroke-width="0.5"/>`
          : '',
      )
      .join('');
    return `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${s % 2 ? ' stroke-dasharray="6 3"' : ''}/>${marks}`;
  });
  const labels = data.categories
    .map((category, c) =>
      c % Math.ceil(data.categories.length / 8) === 0
        ? `<text x="${(left + c * step).toFixed(1)}" y="${String(bottom + 18)}" font-size="11" text-anchor="middle" fill="#0b0c0c">${escapeXml(category)}</text>`
        : '',
    )
    .join('');
  const axis = `<path d="M${String(left)},${String(top)} V${String(bottom)} H${String(WIDTH - 16)}" fill="none" stroke="#0b0c0c"/><text x="${String(left - 6)}" y="${String(top + 4)}" font-size="11" text-anchor="end" fill="#0b0c0c">${escapeXml(`${String(max)}${unit}`)}</text><text x="${String(left - 6)}" y="${String(bottom)}" font-size="11" text-anchor="end" fill="#0b0c0c">0</text>`;
  return frame(data, height, axis + lines.join('') + labels);
}
