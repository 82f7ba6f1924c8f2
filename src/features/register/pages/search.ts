/**
 * /{lang}/register: the public register, searched by name in any script or by ИНН, filtered by sector and region.
 * Nothing personal and no form token: a results page is the same for every reader of its URL, so the register's
 * page cache keeps it under path and query until the register changes (caches.ts). Only a URL no longer than
 * the search form can make is kept.
 */
import type { Request, Response } from 'express';
import { keepRenderedPage } from '../../../http/page-cache.ts';
import type { Knex } from 'knex';
import { presentRegisterSearch } from '../presenters/search.ts';
import { MAX_REGISTER_QUERY, registerQuery } from '../schemas.ts';
import { searchRegister } from '../service.ts';

/** The longest URL the search form makes (a query of the most characters allowed, each escaped, and both filters). */
const MAX_KEPT_URL = MAX_REGISTER_QUERY * 9 + 120;

export function registerSearchPage({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const { lang, t } = res.locals;
    const query = registerQuery.parse(req.query);
    const outcome = await searchRegister(knex, query, lang);
    res.set('Cache-Control', 'public, max-age=60');
    if (outcome.kind !== 'tooLong' && req.originalUrl.length <= MAX_KEPT_URL) keepRenderedPage(res);
    res.status(outcome.kind === 'tooLong' ? 400 : 200).render('register/search', presentRegisterSearch(t, lang, query, outcome));
  };
}
