/** The annual report: a year's indicators as panels, in the report's language, for HTML and PDF alike. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { annualFigures } from '../service.ts';
import { suppress } from '../suppression.ts';
import { panelOf, type Panel } from './panel.ts';
import { indicatorPanel } from './public.ts';

const SEVERITIES = ['low', 'medium', 'high', 'unknown'] as const;
const HOURS = ['day', 'three_days', 'later', 'unknown'] as const;
/** The report's sections: the year's monthly intake, what the cases were about, how they ended, and how fast. */
const SECTIONS = ['received-by-month', 'sector-by-year', 'outcome-by-type', 'outcome-by-sector', 'timeliness-by-year', 'decision-days-by-year'] as const;

type Figures = Awaited<ReturnType<typeof annualFigures>>;

function breachPanel(t: Translate, figures: Figures): Panel {
  const counts = SEVERITIES.map((severity) =>
    HOURS.map((band) => figures.breaches.filter((row) => row.severity === severity && row.hours_band === band).reduce((sum, row) => sum + row.count, 0)),
  );
  const table = suppress({ counts });
  return panelOf({
    id: 'breaches',
    heading: t('statistics.panels.breaches'),
    description: t('statistics.panels.breachesDescription'),
    kind: 'bars',
    rowLabels: SEVERITIES.map((severity) => t(`statistics.severity.${severity}`)),
    columnLabels: HOURS.map((band) => t(`statistics.hours.${band}`)),
    cells: table.cells,
    fewer: t('statistics.fewer'),
    hidden: t('statistics.hidden'),
    totals: { label: t('statistics.total'), rowTotals: table.rowTotals, columnTotals: table.columnTotals, total: table.total },
  });
}

export function presentAnnual(t: Translate, lang: Language, figures: Figures, authority: string) {
  const panels = SECTIONS.map((id) => figures.indicators.find((indicator) => indicator.id === id))
    .filter((indicator) => indicator !== undefined)
    .map((indicator) => indicatorPanel(t, lang, indicator));
  const received = figures.indicators.find((indicator) => indicator.id === 'received-by-year');
  const total = received?.kind === 'count' ? received.total : null;
  const year = String(figures.year);
  return {
    title: t('statistics.annual.title', { year }),
    authority,
    lang,
    year,
    intro: t('statistics.annual.intro', { year }),
    receivedLine: typeof total === 'number' ? t('statistics.annual.received', { count: String(total) }) : t('statistics.annual.receivedFew'),
    panels: [...panels, breachPanel(t, figures)],
    pdfHref: `${pathTo('staff.reports.annualPdf')}?${new URLSearchParams({ year, lang }).toString()}`,
    fewerNote: t('statistics.suppressionNote'),
  };
}

export type AnnualReport = ReturnType<typeof presentAnnual>;
