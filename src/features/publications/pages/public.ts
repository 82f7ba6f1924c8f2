/** /{lang}/decisions and /{lang}/decisions/:id: the published decisions, kept in the page cache (no query string). */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import createHttpError from 'http-errors';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import { validate } from '../../../http/validation.ts';
import { presentEntry, presentList } from '../presenters/public.ts';
import { entryParams, listQuery } from '../schemas.ts';
import { PUBLIC_PAGE_SIZE, publishedDecision, publishedPage } from '../service.ts';

export function decisionsIndex(deps: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { t, lang } = res.locals;
    const parsed = validate(listQuery, req.query);
    if (!parsed.ok) {
      const view = presentList(t, lang, { rows: [], total: 0 }, { page: 1 }, PUBLIC_PAGE_SIZE);
      res.status(400).render('decisions/index', { ...view, values: req.query, errors: parsed.errors });
      return;
    }
    const page = await publishedPage(deps, parsed.data.q, parsed.data.page);
    keepRenderedPage(res);
    res.render('decisions/index', presentList(t, lang, page, parsed.data, PUBLIC_PAGE_SIZE));
  };
}

export function decisionEntry(deps: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = entryParams.safeParse(req.params);
    if (!parsed.success) throw createHttpError(404);
    const row = await publishedDecision(deps, Number(parsed.data.id));
    if (!row) throw createHttpError(404);
    keepRenderedPage(res);
    res.render('decisions/show', presentEntry(res.locals.t, res.locals.lang, row));
  };
}
