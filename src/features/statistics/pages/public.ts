/**
 * /{lang}/statistics: the published figures (the daily snapshot) with charts and tables and the latest audit
 * checkpoint; the open-data page (data dictionary, licence) and each indicator as CSV and JSON at stable URLs.
 * The same for every reader: kept rendered until the next snapshot.
 */
import type { Request, Response } from 'express';
import createHttpError from 'http-errors';
import type { Knex } from 'knex';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { pathTo } from '../../../http/paths.ts';
import { presentIndicatorCsv, presentIndicatorJson, presentOpenData, presentStatistics } from '../presenters/public.ts';
import { indicatorParams } from '../schemas.ts';
import { publishedStatistics } from '../service.ts';
import type { IndicatorId } from '../indicators.ts';

export interface PublicDeps {
  knex: Knex;
  publicUrl: string;
  licence: { name: string; url: string };
}

export function statisticsPage({ knex, licence }: PublicDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const published = await publishedStatistics(knex);
    keepRenderedPage(res);
    res.render('statistics/public', presentStatistics(t, lang, published, licence));
  };
}

export function openDataPage({ knex, licence }: PublicDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const published = await publishedStatistics(knex);
    keepRenderedPage(res);
    res.render('statistics/open-data', presentOpenData(t, lang, published, licence));
  };
}

function indicatorOf(req: Request): IndicatorId {
  const parsed = indicatorParams.safeParse(req.params);
  if (!parsed.success) throw createHttpError(404);
  return parsed.data.indicator as IndicatorId;
}

function download(res: Response, type: string, filename: string): void {
  res.set('Cache-Control', 'public, max-age=3600');
  res.type(type);
  res.attachment(filename);
}

export function indicatorCsv({ knex }: PublicDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = indicatorOf(req);
    const published = await publishedStatistics(knex);
    download(res, 'text/csv; charset=utf-8', `${id}.csv`);
    res.send(presentIndicatorCsv(published, id));
  };
}

export function indicatorJson({ knex, publicUrl, licence }: PublicDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = indicatorOf(req);
    const { lang } = res.locals;
    const published = await publishedStatistics(knex);
    download(res, 'application/json; charset=utf-8', `${id}.json`);
    res.send(JSON.stringify(presentIndicatorJson(published, id, { dictionary: new URL(pathTo('statistics.openData', { lang }), publicUrl).href, licence })));
  };
}
