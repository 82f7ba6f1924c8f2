/**
 * The public pages' view models (pure): the list of published decisions (outcome, sector, organisation, date, the
 * summary in the reader's language) with search and pages, and one decision — its text in the case's language
 * and the summary in the reader's.
 */
import type { Language } from '../../../config.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import { pathTo } from '../../../http/paths.ts';
import { formatDay } from '../../../lib/dates.ts';
import type { PublicationRow } from '../service.ts';

function summaryIn(row: PublicationRow, lang: Language): string | null {
  if (lang === row.language) return null;
  return row[`summary_${lang}`];
}

function facts(t: Translate, lang: Language, row: PublicationRow) {
  return {
    outcome: t(`publications.outcomes.${row.outcome}`),
    sector: row.sector ? t(`intake.sectors.${row.sector}`) : undefined,
    organisation: row.organisation_name,
    decidedOn: formatDay(row.decided_on, lang),
    decidedIso: row.decided_on,
  };
}

/** A line of the text's start (the list shows it when the reader's language is the case's). */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 280 ? `${flat.slice(0, 277).trimEnd()}…` : flat;
}

export function presentList(
  t: Translate,
  lang: Language,
  page: { rows: PublicationRow[]; total: number },
  query: { q?: string; page: number },
  pageSize: number,
) {
  const link = (number: number) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (number > 1) params.set('page', String(number));
    const text = params.toString();
    return `${pathTo('decisions.index', { lang })}${text ? `?${text}` : ''}`;
  };
  const pages = Math.max(1, Math.ceil(page.total / pageSize));
  return {
    title: t('publications.public.title'),
    values: { q: query.q ?? '' },
    total: page.total,
    searched: query.q !== undefined,
    items: page.rows.map((row) => ({
      href: pathTo('decisions.show', { lang, id: row.id }),
      ...facts(t, lang, row),
      summary: summaryIn(row, lang) ?? excerpt(row.text),
    })),
    previousHref: query.page > 1 ? link(query.page - 1) : undefined,
    nextHref: query.page < pages ? link(query.page + 1) : undefined,
    pageLabel: t('publications.public.pageOf', { page: query.page, pages }),
  };
}

export function presentEntry(t: Translate, lang: Language, row: PublicationRow) {
  return {
    title: t('publications.public.entryTitle', { organisation: row.organisation_name }),
    indexHref: pathTo('decisions.index', { lang }),
    ...facts(t, lang, row),
    summary: summaryIn(row, lang),
    textLanguage: row.language,
    textLanguageName: t(`publications.languages.${row.language}`),
    textHeading: row.language === lang ? t('publications.public.text') : t(`publications.public.textIn.${row.language}`),
    paragraphs: row.text
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean),
  };
}
