/** GET /staff/reports/annual?year=&lang=: the year's report, printable HTML in the chosen language, and its PDF. */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import type { Config, Language } from '../../../config.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { bishkekToday } from '../../../lib/dates.ts';
import { presentAnnual } from '../presenters/annual.ts';
import { renderAnnualPdf } from '../report-pdf.ts';
import { annualQuery } from '../schemas.ts';
import { annualFigures } from '../service.ts';

export interface AnnualDeps {
  knex: Knex;
  translator: Translator;
  authority: Config['authority'];
}

async function report(deps: AnnualDeps, req: Request, res: Response) {
  const parsed = annualQuery.safeParse(req.query);
  if (!parsed.success) throw createHttpError(400);
  const year = parsed.data.year ?? Number(bishkekToday().slice(0, 4));
  const lang: Language = parsed.data.lang ?? res.locals.lang;
  const figures = await annualFigures(deps.knex, year);
  return presentAnnual(deps.translator.forLanguage(lang), lang, figures, deps.authority.name[lang]);
}

export function annualPage(deps: AnnualDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const annual = await report(deps, req, res);
    res.render('statistics/annual', { layout: 'staff', title: annual.title, annual });
  };
}

export function annualPdf(deps: AnnualDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const annual = await report(deps, req, res);
    res.type('application/pdf');
    res.attachment(`annual-report-${annual.year}-${annual.lang}.pdf`);
    res.send(await renderAnnualPdf(annual));
  };
}
